package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code /v1/log/audit} and {@code /v1/log/error} streams ({@code
 * docs/http-api.md#log-streams}).
 */
class LogStreamTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred WATCHER = Cred.create("watcher");
  static TestServer server;
  static TestClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder(ADMIN)
        .policy("watch", List.of("/v1/log/*", "/v1/log/*/trace"), List.of(), WATCHER.id()).start();
    admin = server.client(ADMIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** An open stream: headers read, then one JSON value per chunked line. */
  static final class Stream implements AutoCloseable {
    final SSLSocket socket;
    final InputStream in;
    final TestClient.Response head;
    private final StringBuilder pending = new StringBuilder();

    Stream(TestClient client, String path) throws Exception {
      socket = client.connect();
      TestClient.write(socket.getOutputStream(), "GET", path, null, Map.of(), false);
      in = new BufferedInputStream(socket.getInputStream());
      head = TestClient.readHead(in);
    }

    /** The next event, skipping heartbeats (empty lines); {@code null} at the end. */
    JsonNode next() throws Exception {
      String line;
      do {
        line = line();
        if (line == null) {
          return null;
        }
      } while (line.isBlank());
      return TestClient.JSON.readTree(line);
    }

    /** The next line, heartbeats included; {@code null} at the end. */
    String line() throws Exception {
      while (pending.indexOf("\n") < 0) {
        byte[] chunk = TestClient.chunk(in);
        if (chunk == null) {
          return null;
        }
        pending.append(new String(chunk, StandardCharsets.UTF_8));
      }
      int nl = pending.indexOf("\n");
      String line = pending.substring(0, nl);
      pending.delete(0, nl + 1);
      return line;
    }

    @Override
    public void close() throws java.io.IOException {
      socket.setSoTimeout(100); // do not wait for the server's close_notify
      socket.close();
    }
  }

  @Test
  void auditStream_headersAtOnce_thenEventsOfLaterRequests() throws Exception {
    try (Stream s = new Stream(server.client(WATCHER), "/v1/log/audit")) {
      assertThat(s.head.status()).isEqualTo(200);
      assertThat(s.head.header("content-type")).isEqualTo("application/x-ndjson");
      assertThat(admin.put("/v1/key/create/audited", null).status()).isEqualTo(200);
      JsonNode e = s.next();
      assertThat(e.fieldNames()).toIterable().containsExactly("time", "request", "response");
      assertThat(e.get("request").get("path").asText()).isEqualTo("/v1/key/create/audited");
      assertThat(e.get("request").get("identity").asText()).isEqualTo(ADMIN.id());
      assertThat(e.get("request").get("ip").asText()).isEqualTo("127.0.0.1");
      assertThat(e.get("response").get("code").asInt()).isEqualTo(200);
      assertThat(Instant.parse(e.get("time").asText())).isNotNull();
      // Every request is audited, denied and invalid ones too.
      server.client(WATCHER).get("/v1/key/list/");
      admin.get("/nowhere");
      assertThat(s.next().get("response").get("code").asInt()).isEqualTo(403);
      assertThat(s.next().get("response").get("code").asInt()).isEqualTo(404);
    }
  }

  @Test
  void aRotation_isAudited() throws Exception {
    assertThat(admin.put("/v1/key/create/audited-rot", null).status()).isEqualTo(200);
    try (Stream s = new Stream(server.client(WATCHER), "/v1/log/audit")) {
      assertThat(admin.put("/v1/key/rotate/audited-rot", null).status()).isEqualTo(200);
      assertThat(admin.put("/v1/key/rotate/audited-missing", null).status()).isEqualTo(404);
      JsonNode e = s.next();
      assertThat(e.get("request").get("path").asText()).isEqualTo("/v1/key/rotate/audited-rot");
      assertThat(e.get("request").get("identity").asText()).isEqualTo(ADMIN.id());
      assertThat(e.get("response").get("code").asInt()).isEqualTo(200);
      assertThat(s.next().get("response").get("code").asInt()).isEqualTo(404);
    }
  }

  @Test
  void errorStream_sendsErrorRecords_andTheTraceAliasWorks() throws Exception {
    try (Stream s = new Stream(admin, "/v1/log/error");
        Stream t = new Stream(server.client(WATCHER), "/v1/log/error/trace")) {
      assertThat(s.head.status()).isEqualTo(200);
      assertThat(t.head.status()).isEqualTo(200);
      server.server.errorLog().publish(
          ErrorEvent.of(Instant.now(), ErrorEvent.ERROR, "key store broke"));
      for (Stream x : new Stream[] {s, t}) {
        JsonNode e = x.next();
        assertThat(e.fieldNames()).toIterable().containsExactly("message");
        assertThat(e.get("message").asText()).contains("level=ERROR msg=\"key store broke\"");
      }
    }
  }

  @Test
  void streams_arePolicyChecked() throws Exception {
    TestClient stranger = server.client(Cred.create("stranger"));
    assertThat(stranger.get("/v1/log/audit").status()).isEqualTo(403);
    assertThat(stranger.get("/v1/log/error").status()).isEqualTo(403);
  }

  @Test
  void closedConnection_unsubscribes() throws Exception {
    // A server of its own: no subscriber of another test can come or go while this one counts.
    try (TestServer own = TestServer.builder(ADMIN).start()) {
      TestClient client = own.client(ADMIN);
      Stream s = new Stream(client, "/v1/log/audit/trace");
      assertThat(s.head.status()).isEqualTo(200);
      assertThat(own.server.auditLog().subscriberCount()).isEqualTo(1);
      s.close();
      // The server notices at the next write that fails; each request makes an event.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (own.server.auditLog().subscriberCount() > 0 && System.nanoTime() < deadline) {
        client.get("/version");
      }
      assertThat(own.server.auditLog().subscriberCount()).isZero();
    }
  }

  @Test
  void silentStream_sendsHeartbeats_andAClosedConnectionIsReleasedWithoutAnyEvent()
      throws Exception {
    try (TestServer quick = TestServer.builder(ADMIN)
        .logStreams(java.time.Duration.ofMillis(20), 32).start()) {
      try (Stream s = new Stream(quick.client(ADMIN), "/v1/log/error")) {
        assertThat(s.head.status()).isEqualTo(200);
        assertThat(s.line()).isEmpty();
        assertThat(s.line()).isEmpty();
      }
      Stream s = new Stream(quick.client(ADMIN), "/v1/log/audit");
      assertThat(s.head.status()).isEqualTo(200);
      assertThat(quick.server.auditLog().subscriberCount()).isEqualTo(1);
      s.close();
      // No request is made and nothing is logged: only the heartbeat can notice the close.
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (quick.server.auditLog().subscriberCount() > 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(quick.server.auditLog().subscriberCount()).isZero();
    }
  }

  @Test
  void subscribersBeyondTheLimit_getTooManyRequests() throws Exception {
    try (TestServer small = TestServer.builder(ADMIN).logStreams(java.time.Duration.ofSeconds(10), 1)
        .start()) {
      TestClient c = small.client(ADMIN);
      try (Stream first = new Stream(c, "/v1/log/audit")) {
        assertThat(first.head.status()).isEqualTo(200);
        TestClient.Response second = c.get("/v1/log/audit/trace");
        assertThat(second.status()).isEqualTo(429);
        assertThat(second.text()).isEqualTo("{\"message\":\"too many log subscribers\"\n}");
        // the limit is per stream: the error stream still takes one
        try (Stream error = new Stream(c, "/v1/log/error")) {
          assertThat(error.head.status()).isEqualTo(200);
        }
      }
    }
  }

  @Test
  void metrics_countDeliveredEvents() throws Exception {
    try (Stream s = new Stream(admin, "/v1/log/audit")) {
      admin.get("/version");
      s.next();
      String m = admin.get("/v1/metrics").text();
      assertThat(m).containsPattern("(?m)^kes_log_audit_events [1-9]");
    }
  }
}

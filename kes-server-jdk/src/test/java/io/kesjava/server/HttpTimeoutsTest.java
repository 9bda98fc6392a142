package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connection layer's deadlines, shortened: the header timeout (handshake and head), the idle
 * timeout of kept-alive connections, and the route timeout, which bounds reading the body.
 */
class HttpTimeoutsTest {

  static final Cred ADMIN = Cred.create("admin");
  static TestServer server;
  static TestClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder(ADMIN)
        .timeouts(Duration.ofMillis(1500), Duration.ofMillis(3000))
        .api("/v1/key/encrypt/", Duration.ofMillis(3000), false)
        .start();
    admin = server.client(ADMIN);
    // A cold JVM on a busy machine may take longer than the short header timeout for its first
    // handshakes; later ones take milliseconds.
    for (int i = 0; ; i++) {
      try {
        assertThat(admin.put("/v1/key/create/k", null).status()).isEqualTo(200);
        break;
      } catch (IOException e) {
        if (i == 10) {
          throw e;
        }
      }
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Milliseconds until the server closes {@code s}, reading whatever it sends. */
  private static long closedAfter(SSLSocket s) throws IOException {
    long start = System.nanoTime();
    s.setSoTimeout(10_000);
    InputStream in = s.getInputStream();
    try {
      while (in.read() >= 0) {
        // drain
      }
    } catch (IOException e) {
      // reset counts as closed
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  @Test
  void aSilentConnection_isClosedAtTheHeaderTimeout() throws Exception {
    try (SSLSocket s = admin.connect()) {
      assertThat(closedAfter(s)).isBetween(500L, 4_000L);
    }
  }

  @Test
  void aSlowHead_isClosedAtTheHeaderTimeout_evenIfBytesKeepComing() throws Exception {
    try (SSLSocket s = admin.connect()) {
      OutputStream out = s.getOutputStream();
      long start = System.nanoTime();
      byte[] head = "GET /version HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
      try {
        for (int i = 0; i < 100; i++) {
          out.write(i < head.length ? head[i] : 'a');
          out.flush();
          Thread.sleep(50);
        }
      } catch (IOException closed) {
        // the server closed it
      }
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertThat(ms).as("bytes kept coming; closed after (ms)").isLessThan(4_500);
      assertThat(closedAfter(s)).isLessThan(1_000);
    }
  }

  @Test
  void aKeptAliveConnection_isClosedAtTheIdleTimeout_notTheHeaderTimeout() throws Exception {
    try (SSLSocket s = admin.connect()) {
      TestClient.write(s.getOutputStream(), "GET", "/version", null, Map.of(), false);
      InputStream in = new BufferedInputStream(s.getInputStream());
      assertThat(TestClient.read(in, false).status()).isEqualTo(200);
      Thread.sleep(2000); // longer than the header timeout: still open
      TestClient.write(s.getOutputStream(), "GET", "/version", null, Map.of(), false);
      assertThat(TestClient.read(in, false).status()).isEqualTo(200);
      assertThat(closedAfter(s)).isBetween(2_000L, 6_000L);
    }
  }

  @Test
  void theBody_isBoundedByTheRouteTimeout_notTheHeaderTimeout() throws Exception {
    byte[] body = "{\"plaintext\":\"QUJD\"}".getBytes(StandardCharsets.US_ASCII);
    // Within the route timeout (3 s) but longer than the header timeout (1.5 s): answered.
    try (SSLSocket s = admin.connect()) {
      OutputStream out = s.getOutputStream();
      TestClient.write(out, "PUT", "/v1/key/encrypt/k", null,
          Map.of("Content-Length", Integer.toString(body.length)), false);
      for (byte b : body) {
        out.write(b);
        out.flush();
        Thread.sleep(100); // 20 bytes in 2 s
      }
      assertThat(TestClient.read(new BufferedInputStream(s.getInputStream()), false).status())
          .isEqualTo(200);
    }
    // Slower than the route timeout: aborted without an answer.
    try (SSLSocket s = admin.connect()) {
      OutputStream out = s.getOutputStream();
      TestClient.write(out, "PUT", "/v1/key/encrypt/k", null,
          Map.of("Content-Length", Integer.toString(body.length)), false);
      long start = System.nanoTime();
      try {
        for (byte b : body) {
          out.write(b);
          out.flush();
          Thread.sleep(400); // 20 bytes in 8 s
        }
      } catch (IOException closed) {
        // the server closed it
      }
      assertThat(closedAfter(s)).isLessThan(4_000);
      assertThat((System.nanoTime() - start) / 1_000_000).isBetween(2_500L, 6_000L);
    }
    assertThat(admin.get("/version").status()).isEqualTo(200);
  }
}

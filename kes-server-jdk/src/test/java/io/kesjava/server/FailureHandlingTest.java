package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.core.Identity;
import io.kesjava.core.Kes;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.core.StatusInfo;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.server.http.ApiConfig;
import io.kesjava.server.http.Backend;
import io.kesjava.server.http.HttpApi;
import io.kesjava.server.http.HttpLimits;
import io.kesjava.server.http.HttpsListener;
import io.kesjava.server.http.TlsPolicy;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures inside the server: unexpected exceptions, an unreachable key store, and a response
 * that misses its deadline. The engine is a stub; the HTTP layer is the real one over TLS.
 */
class FailureHandlingTest {

  static final TestPki.Cred CLIENT = TestPki.create("client");
  static final CountDownLatch RELEASE = new CountDownLatch(1);
  static final List<ErrorEvent> ERRORS = new CopyOnWriteArrayList<>();
  static HttpsListener server;
  static HttpApi api;
  static TestClient client;

  /** A Kes whose operations fail as each test needs. */
  static Kes stub() {
    return (Kes) Proxy.newProxyInstance(Kes.class.getClassLoader(), new Class<?>[] {Kes.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "encrypt" -> throw new IllegalStateException("boom: secret-plaintext");
          case "status" -> new StatusInfo("v", "linux", "amd64", Duration.ofSeconds(3), 2, 2, 10,
              20, Optional.empty(), true);
          case "describeKey" -> {
            RELEASE.await(30, TimeUnit.SECONDS);
            throw new IllegalStateException("too late");
          }
          case "createKey" -> throw new KeyStoreUnavailableException(502, "failed to create key",
              new IOException("disk full"));
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }

  @BeforeAll
  static void start() throws Exception {
    Kes kes = stub();
    Backend backend = new Backend() {
      @Override
      public Kes as(Identity caller) {
        return kes;
      }

      @Override
      public Kes anonymous() {
        return kes;
      }

      @Override
      public boolean allowed(Identity identity, String path) {
        return true;
      }

      @Override
      public void checkReady() {
        throw new KeyStoreUnavailableException(504, "key store is not reachable");
      }

      @Override
      public Instant startTime() {
        return Instant.now();
      }
    };
    AuditLog audit = new AuditLog(null);
    ErrorLog errors = new ErrorLog(null, ErrorEvent.INFO);
    errors.subscribe(ERRORS::add);
    api = new HttpApi(new ApiConfig(backend,
        Map.of("/v1/key/describe/", new RouteSettings(Duration.ofMillis(200), false)), Set.of(),
        "X-Tls-Client-Cert", "v", Clock.systemDefaultZone(), audit, audit::publish, errors,
        errors::publish, ApiConfig.DEFAULT_STREAM_HEARTBEAT, ApiConfig.DEFAULT_MAX_STREAM_SUBSCRIBERS,
        c -> true));
    var context = TestPki.serverContext(TestServer.SERVER);
    server = HttpsListener.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
        context, TlsPolicy.parameters(context, ClientAuth.REQUIRE_ANY), api, HttpLimits.DEFAULT,
        Executors.newCachedThreadPool());
    client = new TestClient(server.address(), TestPki.clientContext(CLIENT));
  }

  @AfterAll
  static void stop() {
    RELEASE.countDown();
    api.close();
    server.close();
  }

  @Test
  void unexpectedException_is500_generic_andLogged() throws Exception {
    TestClient.Response r = client.put("/v1/key/encrypt/k", "{}");
    assertThat(r.status()).isEqualTo(500);
    assertThat(r.text()).isEqualTo("{\"message\":\"internal server error\"\n}");
    ErrorEvent e = ERRORS.stream().filter(x -> x.path().equals("/v1/key/encrypt/k"))
        .findFirst().orElseThrow();
    assertThat(e.level()).isEqualTo(ErrorEvent.ERROR);
    assertThat(e.text()).contains("req.path=/v1/key/encrypt/k").contains("IllegalStateException")
        .doesNotContain("secret-plaintext");
    assertThat(client.get("/version").status()).isEqualTo(200);
    assertThat(client.get("/v1/metrics").text()).contains("kes_http_request_failure{code=\"500\"}");
  }

  @Test
  void keyStoreFailure_keepsKesStatusAndMessage_andLogsTheCauseType() throws Exception {
    TestClient.Response r = client.put("/v1/key/create/k", null);
    assertThat(r.status()).isEqualTo(502);
    assertThat(r.message()).isEqualTo("failed to create key");
    assertThat(ERRORS).anySatisfy(e -> assertThat(e.text())
        .contains("msg=\"failed to create key: IOException\"").doesNotContain("disk full"));
  }

  @Test
  void ready_whenStoreUnreachable_is504_andAWarning() throws Exception {
    TestClient.Response r = client.get("/v1/ready");
    assertThat(r.status()).isEqualTo(504);
    assertThat(r.message()).isEqualTo("key store is not reachable");
    assertThat(ERRORS).anySatisfy(e -> {
      assertThat(e.path()).isEqualTo("/v1/ready");
      assertThat(e.level()).isEqualTo(ErrorEvent.WARN);
    });
  }

  @Test
  void status_whenStoreUnreachable_saysUnreachableAndUnavailable() throws Exception {
    JsonNode s = client.get("/v1/status").json();
    assertThat(s.has("keystore_latency")).isFalse();
    assertThat(s.get("keystore_unreachable").asBoolean()).isTrue();
    assertThat(s.get("keystore_unavailable").asBoolean()).isTrue();
    assertThat(s.get("uptime").asLong()).isEqualTo(3);
  }

  @Test
  void missedDeadline_abortsTheConnection_withoutABody() {
    // The handler blocks until released; the 200 ms deadline closes the connection first.
    assertThatThrownBy(() -> client.get("/v1/key/describe/k")).isInstanceOf(IOException.class);
    RELEASE.countDown();
  }
}

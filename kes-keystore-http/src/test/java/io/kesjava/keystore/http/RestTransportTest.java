package io.kesjava.keystore.http;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.http.RestTransport.Reply;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The REST transport the vendor stores share: what reaches the wire and which of the SPI's
 * exceptions an answer becomes. A small dialect stands in for a vendor: JSON errors {@code
 * {"error":..}}, 409 "exists", 404 "gone".
 */
class RestTransportTest {

  private static final String SECRET = "s3cr3t-api-key";

  private static final RestVendor VENDOR =
      new RestVendor(
          "acme",
          "Acme KMS",
          "https://kms.acme.test",
          Duration.ofSeconds(5),
          Duration.ofSeconds(5),
          false,
          new RestTransport.Dialect() {
            @Override
            public boolean exists(Reply reply) {
              return reply.status() == 409;
            }

            @Override
            public boolean notFound(Reply reply) {
              return reply.status() == 404 && reply.text().contains("gone");
            }

            @Override
            public String errorDetail(Reply reply, UnaryOperator<String> redact) {
              String error = reply.isJson() ? reply.json().path("error").asText("") : "";
              return reply.statusAnd(redact.apply(error.isEmpty() ? reply.text() : error));
            }

            @Override
            public int maxBody() {
              return 1024;
            }
          });

  /** A vendor builder with the shared settings and one required setting of its own, the key. */
  static final class AcmeBuilder extends RestStoreBuilder<AcmeBuilder, AcmeStore> {
    private String key;

    AcmeBuilder() {
      super(VENDOR);
    }

    AcmeBuilder key(String key) {
      this.key = key;
      return this;
    }

    /** The transport alone, without a store around it. */
    RestTransport transport() {
      return transport(List.of(SECRET));
    }

    @Override
    protected AcmeStore open() {
      requireText(key, "key");
      return new AcmeStore(transport());
    }

    void requireKey(String key) {
      require(key != null, "key");
    }

    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("apiKey", redacted(SECRET));
      setting.accept("region", "eu");
    }
  }

  /** A store of the vendor; only its shared parts are used here. */
  static final class AcmeStore extends RestKeyStore {
    AcmeStore(RestTransport http) {
      super(http);
    }

    @Override
    public void create(String name, byte[] value) {
      throw new UnsupportedOperationException();
    }

    @Override
    public byte[] get(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String name) {
      throw new UnsupportedOperationException();
    }

    @Override
    public KeyListing list(String prefix, String continueAt, int limit) {
      throw new UnsupportedOperationException();
    }
  }

  private final List<MockResponse> answers = new ArrayList<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private MockWebServer server;
  private RestTransport http;

  @BeforeEach
  void start() throws IOException {
    server =
        FakeServers.start(
            new Dispatcher() {
              @Override
              public MockResponse dispatch(RecordedRequest request) {
                synchronized (answers) {
                  requests.add(request);
                  return answers.isEmpty()
                      ? new MockResponse.Builder().code(200).body("{}").build()
                      : answers.remove(0);
                }
              }
            });
    http =
        new AcmeBuilder()
            .endpoint(server.url("/api/").toString())
            .retryBackoff(Duration.ZERO, Duration.ZERO)
            .timeout(Duration.ofSeconds(2))
            .transport();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private void answer(int code, String contentType, String body) {
    synchronized (answers) {
      answers.add(
          new MockResponse.Builder()
              .code(code)
              .setHeader("Content-Type", contentType)
              .body(body)
              .build());
    }
  }

  private void answer(MockResponse response) {
    synchronized (answers) {
      answers.add(response);
    }
  }

  private Request get(String path) {
    return http.request(path).get().build();
  }

  @Test
  void pathsAreAppendedToTheEndpoint_withoutADoubleSlash() {
    Reply reply = http.send(get("v1/keys"), "failed to list keys");

    assertThat(reply.ok()).isTrue();
    assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/api/v1/keys");
    assertThat(http.description()).isEqualTo("Acme KMS: " + server.url("/api"));
  }

  @Test
  void aBuildersToString_namesEndpointSettingsAndCas_butNoSecret() {
    AcmeBuilder builder = new AcmeBuilder();
    assertThat(builder)
        .hasToString(
            "RestTransportTest.AcmeBuilder[endpoint=unset, apiKey=[redacted], region=eu,"
                + " customCa=false]");

    builder.endpoint("https://user:" + SECRET + "@kms.example/api");
    assertThat(builder.toString())
        .startsWith("RestTransportTest.AcmeBuilder[endpoint=https://kms.example/api, ")
        .doesNotContain(SECRET);
  }

  @Test
  void anErrorAnswer_becomesAKeyStoreException_inTheVendorsWords() {
    answer(403, "application/json", "{\"error\":\"access denied\"}");

    Reply reply = http.send(get("k"), "failed to fetch 'k'");

    assertThat(http.failure(reply, "failed to fetch 'k'"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: failed to fetch 'k': 403: access denied");
  }

  @Test
  void aGatewayError_afterTheRetries_isUnreachable() {
    for (int i = 0; i < 3; i++) {
      answer(503, "text/plain", "down for maintenance");
    }

    Reply reply = http.send(get("k"), "ctx");

    assertThat(requests).hasSize(3);
    assertThat(http.failure(reply, "ctx"))
        .isExactlyInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("acme: ctx: 503: down for maintenance");
    assertThat(http.failure(statusOnly(500), "ctx"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: ctx: 500");
  }

  @Test
  void aTransportFailure_isUnreachable() {
    for (int i = 0; i < 3; i++) {
      answer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    }

    assertThatThrownBy(() -> http.send(get("k"), "failed to fetch 'k'"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("acme: failed to fetch 'k': http: temporary network error: ");
    assertThat(requests).hasSize(3);
  }

  @Test
  void vendorTextThatEchoesASecret_isRedacted_andCut() {
    answer(400, "text/plain", "bad key " + SECRET + " " + "x".repeat(600));

    KeyStoreException thrown = http.failure(http.send(get("k"), "ctx"), "ctx");

    assertThat(thrown.getMessage())
        .doesNotContain(SECRET)
        .startsWith("acme: ctx: 400: bad key [redacted] xxx")
        .endsWith("x...")
        .hasSize("acme: ctx: 400: ".length() + 512 + 3);
  }

  @Test
  void anOversizedAnswer_isRefused() {
    answer(200, "application/json", "[" + "1,".repeat(600) + "1]");

    assertThatThrownBy(() -> http.send(get("k"), "failed to list keys"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: failed to list keys: response body larger than 1024 bytes");
  }

  @Test
  void found_mapsTheVendorsNotFound_andLeavesOther404sAFailure() {
    answer(404, "text/plain", "gone");
    answer(404, "text/plain", "no such route");

    assertThatThrownBy(() -> http.found(http.send(get("k"), "ctx"), "k", "ctx"))
        .isExactlyInstanceOf(EntryNotFoundException.class)
        .hasMessage("acme: key 'k' does not exist");
    assertThatThrownBy(() -> http.found(http.send(get("k"), "ctx"), "k", "ctx"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: ctx: 404: no such route");
  }

  @Test
  void create_thatFindsTheNameTaken_isEntryExists() {
    answer(409, "text/plain", "exists");

    assertThatThrownBy(
            () ->
                http.create(
                    "k",
                    bytes("v"),
                    token -> http.request("keys").post(RestTransport.empty()).build(),
                    name -> bytes("v"),
                    "failed to create key 'k'"))
        .isExactlyInstanceOf(EntryExistsException.class)
        .hasMessage("acme: key 'k' already exists");
  }

  @Test
  void create_retriedAfterALostAnswer_succeeds_whenItsOwnValueIsStored() {
    // The first attempt is carried out, its answer lost; the retry finds the name taken.
    answer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    answer(409, "text/plain", "exists");
    answer(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    answer(409, "text/plain", "exists");
    AtomicInteger reads = new AtomicInteger();

    http.create(
        "k",
        bytes("v"),
        token -> http.request("keys").post(RestTransport.empty()).build(),
        name -> {
          reads.incrementAndGet();
          return bytes("v");
        },
        "ctx");
    assertThatThrownBy(
            () ->
                http.create(
                    "k",
                    bytes("v"),
                    token -> http.request("keys").post(RestTransport.empty()).build(),
                    name -> bytes("another value"),
                    "ctx"))
        .isExactlyInstanceOf(EntryExistsException.class);
    assertThat(reads).hasValue(1);
  }

  @Test
  void aRequestTheVendorAnswers401_isSentOnceMoreWithANewToken() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
    AtomicInteger issued = new AtomicInteger();
    SessionTokens tokens =
        new SessionTokens(
            (current, now) ->
                new SessionTokens.Grant(
                    "token-" + issued.incrementAndGet(),
                    now.plus(Duration.ofMinutes(5)),
                    now.plus(Duration.ofMinutes(10))),
            clock,
            Duration.ofSeconds(5),
            http.redactor(),
            System.getLogger("io.kesjava.keystore.http.test"),
            new SessionTokens.Wording("acme: failed to log in", "session", "acme: no session: "));
    RestTransport authenticated = http.withTokens(tokens);
    answer(401, "text/plain", "expired");
    answer(401, "text/plain", "expired");

    Reply first =
        authenticated.send(t -> http.request("k").header("Auth", t).get().build(), "ctx");
    Reply second =
        authenticated.send(t -> http.request("k").header("Auth", t).get().build(), "ctx");

    // Resent once with a new token, not in a loop; the second 401 is the caller's to report.
    assertThat(first.status()).isEqualTo(401);
    assertThat(second.status()).isEqualTo(200);
    assertThat(requests)
        .extracting(r -> r.getHeaders().get("Auth"))
        .containsExactly("token-1", "token-2", "token-2");
  }

  @Test
  void theProbe_acceptsAnyAnswer_withoutRetrying_andReportsAFailureAsUnreachable() {
    answer(500, "text/plain", "sick");

    assertThat(http.probe().isNegative()).isFalse();
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).getUrl().encodedPath()).isEqualTo("/api/");

    server.close();
    assertThatThrownBy(() -> http.probe())
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("acme: failed to reach '" + server.url("/api") + "': ");
  }

  @Test
  void afterClose_requestsAreRefused() {
    http.checkOpen();
    http.close();

    assertThatThrownBy(() -> http.checkOpen())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("acme: the key store is closed");
  }

  @Test
  void theBuilder_checksItsSettings(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> new AcmeBuilder().endpoint("kms.acme.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an http or https URL, such as https://kms.acme.test");
    assertThatThrownBy(() -> new AcmeBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Acme KMS endpoint is not set");
    assertThatThrownBy(() -> new AcmeBuilder().requireKey(null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Acme KMS key is not set");
    assertThatThrownBy(() -> new AcmeBuilder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new AcmeBuilder().retryBackoff(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    Path junk = Files.writeString(dir.resolve("junk.pem"), "no certificate");
    assertThatThrownBy(() -> new AcmeBuilder().caCertificates(junk))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not contain a valid X.509 PEM-encoded certificate");
  }

  @Test
  void storedValue_decodesTheTextField_andNamesWhatIsWrongWithIt() throws IOException {
    JsonNode answer =
        RestTransport.JSON.readTree("{\"value\":\"aGk=\",\"number\":7,\"bad\":\"%%\"}");
    Function<String, byte[]> base64 = Base64.getDecoder()::decode;
    String invalid = "the value is not valid Base64";

    assertThat(http.storedValue(answer, "value", base64, invalid, "failed to fetch 'k'"))
        .isEqualTo("hi".getBytes(UTF_8));
    assertThatThrownBy(() -> http.storedValue(answer, "missing", base64, invalid, "ctx"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: ctx: the answer has no missing");
    assertThatThrownBy(() -> http.storedValue(answer, "number", base64, invalid, "ctx"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: ctx: the answer has no number");
    assertThatThrownBy(() -> http.storedValue(answer, "bad", base64, invalid, "ctx"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("acme: ctx: the value is not valid Base64");
  }

  @Test
  void build_checksTheEndpointBeforeTheVendorsSettings_thenReturnsTheVendorsStore() {
    // Neither is set: the endpoint is reported, and the vendor's open() is not reached.
    assertThatThrownBy(() -> new AcmeBuilder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Acme KMS endpoint is not set");
    String endpoint = server.url("/api/").toString();
    assertThatThrownBy(() -> new AcmeBuilder().endpoint(endpoint).key("").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the Acme KMS key is not set");
    assertThat(requests).isEmpty();

    try (AcmeStore store = new AcmeBuilder().endpoint(endpoint).key("k").build()) {
      assertThat(store.description()).isEqualTo("Acme KMS: " + server.url("/api"));
      assertThat(store.status().isNegative()).isFalse();
    }
    assertThat(requests).hasSize(1);
  }

  private static Reply statusOnly(int status) {
    return new Reply(status, "", new byte[0], false);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}

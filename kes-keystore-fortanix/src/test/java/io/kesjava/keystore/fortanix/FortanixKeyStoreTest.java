package io.kesjava.keystore.fortanix;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.testkit.LogCapture;
import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link FortanixKeyStore} against the fake SDKMS: what KES does, and what it gets wrong. */
class FortanixKeyStoreTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
  private final FakeSdkms sdkms = new FakeSdkms(clock);
  private MockWebServer server;
  private FortanixKeyStore store;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeServers.start(sdkms);
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    server.close();
  }

  private FortanixKeyStore.Builder builder() {
    return FortanixKeyStore.builder()
        .endpoint(server.url("/").toString())
        .apiKey(FakeSdkms.API_KEY)
        .timeout(Duration.ofMillis(500))
        .retryBackoff(Duration.ZERO, Duration.ZERO);
  }

  private FortanixKeyStore connect() {
    store = builder().build();
    return store;
  }

  @Test
  void build_checksHealth_opensASessionWithTheApiKey_andEndsIt() {
    connect();

    assertThat(sdkms.requestLines())
        .containsExactly(
            "GET /sys/v1/health", "POST /sys/v1/session/auth", "POST /sys/v1/session/terminate");
    List<RecordedRequest> requests = sdkms.requests();
    assertThat(requests.get(1).getHeaders().get("Authorization"))
        .isEqualTo("Basic " + FakeSdkms.API_KEY);
    assertThat(requests.get(2).getHeaders().get("Authorization")).startsWith("Bearer ");
    assertThat(sdkms.sessionCount()).isZero();
  }

  @Test
  void build_withAWrongApiKey_fails_andTheMessageHoldsNoKey() {
    String wrongKey = Base64.getEncoder().encodeToString("app:wrong-secret".getBytes(UTF_8));

    Throwable thrown = catchThrowable(() -> builder().apiKey(wrongKey).build());

    assertThat(thrown)
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("fortanix: failed to authenticate to")
        .hasMessageContaining("401");
    assertThat(thrown.getMessage()).doesNotContain(wrongKey);
  }

  @Test
  void build_whenNothingListens_throwsUnreachable() {
    String endpoint = server.url("/").toString();
    server.close();

    assertThatThrownBy(() -> builder().endpoint(endpoint).build())
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("http: temporary network error");
  }

  @Test
  void create_importsAnOpaqueObject_withTheValueInBase64_asKesDoes() {
    connect().create("my-key", "value-1".getBytes(UTF_8));

    var object = sdkms.object("my-key");
    assertThat(object.path("obj_type").asText()).isEqualTo("OPAQUE");
    assertThat(object.path("value").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("value-1".getBytes(UTF_8)));
    assertThat(object.path("key_ops").toString()).isEqualTo("[\"EXPORT\",\"APPMANAGEABLE\"]");
    assertThat(object.path("enabled").asBoolean()).isTrue();
    assertThat(object.path("group_id").asText()).isEqualTo(FakeSdkms.DEFAULT_GROUP);
    RecordedRequest put = last("PUT /crypto/v1/keys");
    assertThat(put.getHeaders().get("Authorization")).isEqualTo("Basic " + FakeSdkms.API_KEY);
    assertThat(put.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(put.getBody().utf8()).doesNotContain("group_id");
  }

  @Test
  void create_withAGroupId_putsTheKeyInThatGroup() {
    store = builder().groupId("ce08d547-2a82-411e-ae2d-83655a4b7617").build();

    store.create("my-key", "value-1".getBytes(UTF_8));

    assertThat(sdkms.object("my-key").path("group_id").asText())
        .isEqualTo("ce08d547-2a82-411e-ae2d-83655a4b7617");
  }

  @Test
  void create_ofAnExistingName_throwsEntryExists_fromThe409() {
    connect().create("my-key", "old".getBytes(UTF_8));

    assertThatThrownBy(() -> store.create("my-key", "new".getBytes(UTF_8)))
        .isInstanceOf(EntryExistsException.class);
  }

  @Test
  void create_whoseAnswerWasLost_butWhichWasStored_succeedsOnTheRetry() {
    connect();
    sdkms.loseNextAnswer();

    store.create("my-key", "value-1".getBytes(UTF_8));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void create_retriedOverAnotherWritersKey_stillThrowsEntryExists() {
    connect().create("my-key", "theirs".getBytes(UTF_8));
    sdkms.fault(500); // our first attempt fails; the retry finds their key

    assertThatThrownBy(() -> store.create("my-key", "ours".getBytes(UTF_8)))
        .isInstanceOf(EntryExistsException.class);
  }

  @Test
  void get_ofAMissingName_throwsEntryNotFound_andDeleteToo() {
    connect();

    assertThatThrownBy(() -> store.get("missing")).isInstanceOf(EntryNotFoundException.class);
    assertThatThrownBy(() -> store.delete("missing")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void get_ofADisabledKey_failsWithKesMessage() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    sdkms.disable("my-key");

    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(EntryNotFoundException.class)
        .hasMessage(
            "fortanix: failed to fetch 'my-key': key has been disabled and cannot be used until"
                + " enabled again");
  }

  @Test
  void a404WithAnotherText_isAnError_notAMissingKey() {
    connect();
    sdkms.fault(FakeSdkms.text(404, "no route /crypto/v1/keys/export"));

    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("404: no route");
  }

  @Test
  void delete_looksTheObjectUpWithoutExportingIt_andDeletesItById() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    String kid = sdkms.object("my-key").path("kid").asText();

    store.delete("my-key");

    List<String> lines = sdkms.requestLines();
    assertThat(lines.subList(lines.size() - 2, lines.size()))
        .containsExactly("POST /crypto/v1/keys/info", "DELETE /crypto/v1/keys/" + kid);
    assertThat(sdkms.object("my-key")).isNull();
  }

  @Test
  void serverErrors_areRetriedTwice_thenTheRequestSucceeds() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    sdkms.fault(500);
    sdkms.fault(503);

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(count("POST /crypto/v1/keys/export")).isEqualTo(3);
  }

  @Test
  void threeServerErrors_fail_503AsUnreachable_500AsAnError() {
    connect();
    for (int i = 0; i < 3; i++) {
      sdkms.fault(503);
    }
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("503");
    for (int i = 0; i < 3; i++) {
      sdkms.fault(500);
    }
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("fortanix: failed to fetch 'my-key': 500: injected failure 500");
  }

  @Test
  void clientErrors_areNotRetried() {
    connect();
    sdkms.fault(FakeSdkms.text(403, "insufficient permissions"));

    assertThatThrownBy(() -> store.get("my-key"))
        .hasMessage("fortanix: failed to fetch 'my-key': 403: insufficient permissions");
    assertThat(count("POST /crypto/v1/keys/export")).isEqualTo(1);
  }

  @Test
  void aTimeout_isRetried() {
    store = builder().timeout(Duration.ofMillis(200)).build();
    store.create("my-key", "value-1".getBytes(UTF_8));
    sdkms.stall();

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void aDroppedConnection_isRetried() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    sdkms.dropConnection();

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void threeTimeouts_failAsUnreachable() {
    store = builder().timeout(Duration.ofMillis(200)).build();
    sdkms.stall();
    sdkms.stall();
    sdkms.stall();

    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("http: temporary network error");
  }

  @ParameterizedTest(name = "start inclusive: {0}")
  @ValueSource(booleans = {true, false})
  void list_pagesThroughEveryName_andEnds_whetherStartIsInclusiveOrNot(boolean inclusive) {
    sdkms.startInclusive(inclusive);
    connect();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      names.add(String.format("key-%03d", i));
      store.create(names.get(i), new byte[] {1});
    }

    KeyListing listing = store.list("", "", 0);

    assertThat(listing.names()).containsExactlyElementsOf(names);
    assertThat(listing.continueAt()).isEmpty();
    List<String> pages =
        sdkms.requestLines().stream().filter(l -> l.startsWith("GET /crypto/v1/keys")).toList();
    assertThat(pages.get(0)).isEqualTo("GET /crypto/v1/keys?sort=name:asc&limit=100");
    assertThat(pages.get(1)).isEqualTo("GET /crypto/v1/keys?sort=name:asc&limit=100&start=key-099");
    assertThat(pages).hasSizeLessThanOrEqualTo(5);
  }

  @Test
  void list_worksWhenSdkmsReturnsSmallerPagesThanAsked() {
    sdkms.maxPageSize(3);
    connect();
    for (String name : List.of("e", "a", "d", "c", "b", "g", "f")) {
      store.create(name, new byte[] {1});
    }

    assertThat(store.list("", "", 0).names()).containsExactly("a", "b", "c", "d", "e", "f", "g");
  }

  @Test
  void list_ofAnEmptyStore_takesOneRequest() {
    connect();

    assertThat(store.list("", "", 0)).isEqualTo(KeyListing.empty());
    assertThat(count("GET /crypto/v1/keys?sort=name:asc&limit=100")).isEqualTo(1);
  }

  @Test
  void status_takesAnyHttpAnswer_asReachable_andSendsNoCredentials() {
    connect();

    assertThat(store.status().isNegative()).isFalse();
    RecordedRequest probe = last("GET /");
    assertThat(probe.getHeaders().get("Authorization")).isNull();
  }

  @Test
  void status_whenSdkmsIsGone_throwsUnreachable() {
    connect();
    server.close();

    assertThatThrownBy(() -> store.status()).isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void anExpiredSession_doesNotMatter_becauseDataRequestsUseTheApiKey() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    clock.advance(Duration.ofDays(1));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    store.create("other-key", "value-2".getBytes(UTF_8));
    assertThat(store.list("", "", 0).names()).containsExactly("my-key", "other-key");
  }

  @Test
  void theApiKey_isNeverPrinted_evenWhenSdkmsEchoesIt() {
    FortanixKeyStore.Builder builder = builder();
    assertThat(builder.toString()).doesNotContain(FakeSdkms.API_KEY).contains("[redacted]");
    connect();
    assertThat(store.toString()).doesNotContain(FakeSdkms.API_KEY);
    assertThat(store.description())
        .isEqualTo("Fortanix SDKMS: " + server.url("/").toString().replaceAll("/$", ""));
    sdkms.fault(FakeSdkms.text(400, "bad header: Basic " + FakeSdkms.API_KEY));

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown.getMessage()).doesNotContain(FakeSdkms.API_KEY).contains("[redacted]");
  }

  @Test
  void theApiKey_neverReachesTheLog() {
    try (LogCapture log = new LogCapture("io.kesjava.keystore.fortanix")) {
      connect().create("my-key", "value-1".getBytes(UTF_8));
      sdkms.fault(500);
      sdkms.fault(FakeSdkms.text(503, "echo Basic " + FakeSdkms.API_KEY));
      store.get("my-key");
      store.status();

      assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains(FakeSdkms.API_KEY));
    }
  }

  @Test
  void afterClose_operationsFail() {
    connect().close();

    assertThatThrownBy(() -> store.get("my-key")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void build_withoutEndpointOrKey_fails() {
    assertThatThrownBy(() -> FortanixKeyStore.builder().apiKey("k").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FortanixKeyStore.builder().endpoint("https://x").build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> FortanixKeyStore.builder().endpoint("sdkms.fortanix.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private RecordedRequest last(String line) {
    List<RecordedRequest> requests = sdkms.requests();
    List<String> lines = sdkms.requestLines();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).equals(line)) {
        return requests.get(i);
      }
    }
    throw new AssertionError("no request " + line + " in " + lines);
  }

  private long count(String line) {
    return sdkms.requestLines().stream().filter(line::equals).count();
  }
}

package io.kesjava.keystore.gemalto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.testkit.LogCapture;
import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link GemaltoKeyStore} against the fake KeySecure. */
class GemaltoKeyStoreTest {

  private static final String KES_VALUE =
      "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARW";

  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
  private FakeKeySecure keySecure = new FakeKeySecure(clock);
  private MockWebServer server;
  private GemaltoKeyStore store;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeServers.start(keySecure);
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    server.close();
  }

  private GemaltoKeyStore.Builder builder() {
    return GemaltoKeyStore.builder()
        .endpoint(server.url("/").toString())
        .refreshToken(FakeKeySecure.REFRESH_TOKEN)
        .clock(clock)
        .timeout(Duration.ofMillis(500))
        .retryBackoff(Duration.ZERO, Duration.ZERO);
  }

  private GemaltoKeyStore connect() {
    store = builder().build();
    return store;
  }

  @Test
  void build_obtainsATokenWithTheRefreshToken_asKesDoes() throws Exception {
    connect();

    assertThat(keySecure.requestLines()).containsExactly("POST /api/v1/auth/tokens");
    RecordedRequest auth = keySecure.requests().get(0);
    assertThat(new ObjectMapper().readTree(auth.getBody().utf8()).toString())
        .isEqualTo(
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":\""
                + FakeKeySecure.REFRESH_TOKEN
                + "\",\"domain\":\"\"}");
    assertThat(auth.getHeaders().get("Content-Type")).startsWith("application/json");
  }

  @Test
  void build_withADomain_sendsIt() throws Exception {
    server.close();
    keySecure = new FakeKeySecure(clock, "tenant-7");
    server = FakeServers.start(keySecure);

    store = builder().domain("tenant-7").build();
    store.create("my-key", KES_VALUE.getBytes(UTF_8));

    assertThat(store.get("my-key")).isEqualTo(KES_VALUE.getBytes(UTF_8));
  }

  @Test
  void build_withAWrongRefreshToken_fails_andTheMessageHoldsNoToken() {
    Throwable thrown =
        catchThrowable(() -> builder().refreshToken("wrong-refresh-token-secret").build());

    assertThat(thrown)
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage(
            "gemalto: failed to authenticate: 401: \"NCERRAuthFailed: Invalid refresh token\" (7)");
    assertThat(thrown.getMessage()).doesNotContain("wrong-refresh-token-secret");
  }

  @Test
  void build_whenNothingListens_throwsUnreachable() {
    String endpoint = server.url("/").toString();
    server.close();

    assertThatThrownBy(() -> builder().endpoint(endpoint).build())
        .isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void create_storesASeedSecret_whoseMaterialIsTheValueText_asKesDoes() {
    connect().create("my-key", KES_VALUE.getBytes(UTF_8));

    var secret = keySecure.secret("my-key");
    assertThat(secret.path("dataType").asText()).isEqualTo("seed");
    assertThat(secret.path("material").asText()).isEqualTo(KES_VALUE);
    RecordedRequest create = last("POST /api/v1/vault/secrets");
    assertThat(create.getHeaders().get("Authorization")).startsWith("Bearer jwt-");
  }

  @Test
  void aSecretWrittenByKes_isRead() {
    connect().create("other", new byte[] {1});
    keySecure.secret("other").put("material", KES_VALUE);

    assertThat(store.get("other")).isEqualTo(KES_VALUE.getBytes(UTF_8));
  }

  @Test
  void create_ofAnExistingName_throwsEntryExists() {
    connect().create("my-key", "old".getBytes(UTF_8));

    assertThatThrownBy(() -> store.create("my-key", "new".getBytes(UTF_8)))
        .isInstanceOf(EntryExistsException.class);
  }

  @Test
  void create_whoseAnswerWasLost_butWhichWasStored_succeedsOnTheRetry() {
    connect();
    keySecure.loseNextAnswer();

    store.create("my-key", "value-1".getBytes(UTF_8));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void get_ofAMissingName_throwsEntryNotFound_butDeleteSucceeds_asInKes() {
    connect();

    assertThatThrownBy(() -> store.get("missing")).isInstanceOf(EntryNotFoundException.class);
    store.delete("missing");
    assertThat(keySecure.count("DELETE /api/v1/vault/secrets/missing?type=name")).isEqualTo(1);
  }

  @Test
  void get_andDelete_addressTheSecretByName() {
    connect().create("my-key", "value-1".getBytes(UTF_8));

    store.get("my-key");
    store.delete("my-key");

    assertThat(keySecure.requestLines())
        .contains(
            "POST /api/v1/vault/secrets/my-key/export?type=name",
            "DELETE /api/v1/vault/secrets/my-key?type=name");
    assertThat(keySecure.secret("my-key")).isNull();
  }

  @Test
  void tokenExpiryDuringARun_isSurvived_withoutARejectedRequest() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    for (int minute = 1; minute <= 30; minute++) {
      clock.advance(Duration.ofMinutes(1)); // tokens live 5 minutes

      assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    }

    assertThat(keySecure.rejectedRequests()).isZero();
    // renewed after half of each token's life: about every 2.5 minutes
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isBetween(10L, 16L);
  }

  @Test
  void aTokenRenewedOnlyAfterHalfItsLife() {
    connect();
    clock.advance(Duration.ofSeconds(149));
    store.list("", "", 0);
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    store.list("", "", 0);
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isEqualTo(2);
  }

  @Test
  void aRevokedToken_getsA401_andTheRequestIsSentAgainWithANewToken() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    keySecure.revokeTokens();

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keySecure.rejectedRequests()).isEqualTo(1);
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isEqualTo(2);
  }

  @Test
  void aFailedRenewal_keepsTheValidToken_andWaitsTheRetryIntervalBeforeTheNextAttempt() {
    store = builder().retryInterval(Duration.ofSeconds(15)).build();
    store.create("my-key", "value-1".getBytes(UTF_8));
    clock.advance(Duration.ofSeconds(200)); // past half the life, before the end
    for (int i = 0; i < 3; i++) {
      keySecure.fault(503); // the renewal fails after its retries
    }

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    clock.advance(Duration.ofSeconds(10));
    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isEqualTo(4); // 1 + 3 attempts

    clock.advance(Duration.ofSeconds(5));
    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keySecure.count("POST /api/v1/auth/tokens")).isEqualTo(5);
    assertThat(keySecure.rejectedRequests()).isZero();
  }

  @Test
  void whenKeySecureStaysDown_pastTheTokensEnd_requestsFailAsUnreachable() {
    connect();
    clock.advance(Duration.ofSeconds(301));
    server.close();

    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("gemalto: failed to authenticate");
    // within the retry interval no new attempt is made, and the failure is reported again
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("gemalto: no valid auth token; the last attempt failed");
  }

  @Test
  void serverErrors_areRetried_andThreeFail() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    keySecure.fault(500);
    keySecure.fault(502);
    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));

    for (int i = 0; i < 3; i++) {
      keySecure.fault(500);
    }
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage(
            "gemalto: failed to access key 'my-key': 500: \"NCERRInternal: injected failure 500\""
                + " (99)");
  }

  @Test
  void timeoutsAndDroppedConnections_areRetried() {
    store = builder().timeout(Duration.ofMillis(200)).build();
    store.create("my-key", "value-1".getBytes(UTF_8));
    keySecure.stall();
    keySecure.dropConnection();

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void list_pagesWithLimitAndSkip_andSortsTheNames() {
    keySecure.maxPageSize(7);
    connect();
    List<String> names = new ArrayList<>();
    for (int i = 29; i >= 0; i--) {
      store.create(String.format("key-%02d", i), new byte[] {1});
      names.add(0, String.format("key-%02d", i));
    }

    assertThat(store.list("", "", 0).names()).containsExactlyElementsOf(names);
    assertThat(keySecure.requestLines())
        .contains(
            "GET /api/v1/vault/secrets?limit=200&skip=0",
            "GET /api/v1/vault/secrets?limit=200&skip=7",
            "GET /api/v1/vault/secrets?limit=200&skip=28");
    assertThat(store.list("key-1", "", 3).names()).containsExactly("key-10", "key-11", "key-12");
  }

  @Test
  void list_outOfSync_failsWithKesMessage() {
    connect().create("my-key", new byte[] {1});
    keySecure.skipWrongly();

    assertThatThrownBy(() -> store.list("", "", 0))
        .hasMessage(
            "gemalto: failed to list keys: pagination is out-of-sync: tried to skip 0 but skipped"
                + " 1");
  }

  @Test
  void status_takesAnyAnswer_andReportsATransportFailureAsUnreachable() {
    connect();
    assertThat(store.status().isNegative()).isFalse();

    server.close();
    assertThatThrownBy(() -> store.status()).isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void secrets_areNeverPrinted() {
    GemaltoKeyStore.Builder builder = builder();
    assertThat(builder.toString()).doesNotContain(FakeKeySecure.REFRESH_TOKEN);
    connect();
    assertThat(store.toString())
        .isEqualTo("Gemalto KeySecure: " + server.url("/").toString().replaceAll("/$", ""))
        .doesNotContain(FakeKeySecure.REFRESH_TOKEN);
    keySecure.fault(FakeKeySecure.error(400, 1, "echo " + FakeKeySecure.REFRESH_TOKEN));

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown.getMessage()).doesNotContain(FakeKeySecure.REFRESH_TOKEN);
  }

  @Test
  void theRefreshTokenAndTheBearerTokens_neverReachTheLog() {
    try (LogCapture log = new LogCapture("io.kesjava.keystore.gemalto")) {
      connect().create("my-key", "value-1".getBytes(UTF_8));
      clock.advance(Duration.ofSeconds(200));
      for (int i = 0; i < 3; i++) {
        keySecure.fault(FakeKeySecure.error(503, 99, "echo " + FakeKeySecure.REFRESH_TOKEN));
      }
      store.get("my-key"); // the renewal fails and is logged; the old token still serves
      clock.advance(Duration.ofSeconds(10));
      store.get("my-key"); // renewed

      assertThat(log.lines())
          .anyMatch(line -> line.startsWith("WARNING gemalto: failed to renew the auth token"))
          .noneMatch(line -> line.contains(FakeKeySecure.REFRESH_TOKEN))
          .noneMatch(line -> line.contains("jwt-"));
    }
  }

  @Test
  void anEchoedBearerToken_isRedactedFromMessages() {
    connect();
    keySecure.fault(FakeKeySecure.error(400, 1, "echo"));
    catchThrowable(() -> store.get("my-key"));
    String jwt = keySecure.requests().get(1).getHeaders().get("Authorization").substring(7);
    keySecure.fault(FakeKeySecure.error(400, 1, "bad token " + jwt));

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown.getMessage()).doesNotContain(jwt).contains("[redacted]");
  }

  private RecordedRequest last(String line) {
    List<RecordedRequest> requests = keySecure.requests();
    List<String> lines = keySecure.requestLines();
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).equals(line)) {
        return requests.get(i);
      }
    }
    throw new AssertionError("no request " + line + " in " + lines);
  }
}

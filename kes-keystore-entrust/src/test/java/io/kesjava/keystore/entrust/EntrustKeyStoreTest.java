package io.kesjava.keystore.entrust;

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
import java.util.Base64;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link EntrustKeyStore} against the fake KeyControl. */
class EntrustKeyStoreTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
  private final FakeKeyControl keyControl = new FakeKeyControl(clock);
  private MockWebServer server;
  private EntrustKeyStore store;

  @BeforeEach
  void startServer() throws Exception {
    server = FakeServers.start(keyControl);
  }

  @AfterEach
  void stop() {
    if (store != null) {
      store.close();
    }
    server.close();
  }

  private EntrustKeyStore.Builder builder() {
    return EntrustKeyStore.builder()
        .endpoint(server.url("/").toString())
        .vaultId(FakeKeyControl.VAULT_ID)
        .boxId(FakeKeyControl.BOX_ID)
        .username(FakeKeyControl.USERNAME)
        .password(FakeKeyControl.PASSWORD)
        .clock(clock)
        .timeout(Duration.ofMillis(500))
        .retryBackoff(Duration.ZERO, Duration.ZERO);
  }

  private EntrustKeyStore connect() {
    store = builder().build();
    return store;
  }

  @Test
  void build_logsIn_thenFetchesTheBox_asKesDoes() throws Exception {
    connect();

    List<RecordedRequest> requests = keyControl.requests();
    assertThat(requests).hasSize(2);
    RecordedRequest login = requests.get(0);
    assertThat(login.getUrl().encodedPath())
        .isEqualTo("/vault/1.0/Login/" + FakeKeyControl.VAULT_ID + "/");
    assertThat(login.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(new ObjectMapper().readTree(login.getBody().utf8()).toString())
        .isEqualTo("{\"username\":\"kes\",\"password\":\"" + FakeKeyControl.PASSWORD + "\"}");
    RecordedRequest box = requests.get(1);
    assertThat(box.getUrl().encodedPath()).isEqualTo("/vault/1.0/GetBox/");
    assertThat(box.getHeaders().get("X-Vault-Auth")).startsWith("session-");
    assertThat(box.getHeaders().get("Content-Type")).isNull(); // only the login sets it, as in KES
    assertThat(box.getBody().utf8()).isEqualTo("{\"box_id\":\"tenant-1\"}");
  }

  @Test
  void build_withAWrongPassword_fails_andTheMessageHoldsNoPassword() {
    Throwable thrown = catchThrowable(() -> builder().password("wrong-password-secret").build());

    assertThat(thrown)
        .isInstanceOf(KeyStoreException.class)
        .hasMessage("keycontrol: login failed: Invalid username or password");
    assertThat(thrown.getMessage()).doesNotContain("wrong-password-secret");
  }

  @Test
  void build_withAnUnknownBox_fails() {
    assertThatThrownBy(() -> builder().boxId("no-such-box").build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessage("keycontrol: failed to fetch status: Box not found");
  }

  @Test
  void build_whenNothingListens_throwsUnreachable() {
    String endpoint = server.url("/").toString();
    server.close();

    assertThatThrownBy(() -> builder().endpoint(endpoint).build())
        .isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void build_whenTheLoginAnswersWithoutAToken_failsWithKesMessage() {
    keyControl.fault(
        FakeKeyControl.json(200, new ObjectMapper().createObjectNode().put("access_token", "")));

    assertThatThrownBy(() -> builder().build())
        .hasMessage("keycontrol: login failed: auth token is empty");
  }

  @Test
  void create_storesTheValueInBase64_inTheBox_asKesDoes() throws Exception {
    connect().create("my-key", "value-1".getBytes(UTF_8));

    assertThat(keyControl.secret("my-key").path("secret_data").asText())
        .isEqualTo(Base64.getEncoder().encodeToString("value-1".getBytes(UTF_8)));
    RecordedRequest create = keyControl.requests().get(2);
    assertThat(create.getUrl().encodedPath()).isEqualTo("/vault/1.0/CreateSecret/");
    assertThat(new ObjectMapper().readTree(create.getBody().utf8()).fieldNames())
        .toIterable()
        .containsExactly("box_id", "name", "secret_data");
  }

  @Test
  void existsAndNotFound_mapToTheSpiExceptions() {
    connect().create("my-key", "old".getBytes(UTF_8));

    assertThatThrownBy(() -> store.create("my-key", "new".getBytes(UTF_8)))
        .isInstanceOf(EntryExistsException.class);
    assertThatThrownBy(() -> store.get("missing")).isInstanceOf(EntryNotFoundException.class);
    assertThatThrownBy(() -> store.delete("missing")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void a404ForSomethingElse_isAnError_notAMissingKey() {
    connect();
    keyControl.fault(FakeKeyControl.error(404, "Box not found"));

    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(EntryNotFoundException.class)
        .hasMessage("keycontrol: failed to fetch key 'my-key': Box not found");
  }

  @Test
  void aNonJsonError_carriesStatusAndBody() {
    connect();
    keyControl.fault(new mockwebserver3.MockResponse.Builder().code(418).body("teapot").build());

    assertThatThrownBy(() -> store.get("my-key"))
        .hasMessage("keycontrol: failed to fetch key 'my-key': 418: teapot");
  }

  @Test
  void create_whoseAnswerWasLost_butWhichWasStored_succeedsOnTheRetry() {
    connect();
    keyControl.loseNextAnswer();

    store.create("my-key", "value-1".getBytes(UTF_8));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
  }

  @Test
  void sessionExpiryDuringARun_isSurvived_withoutARejectedRequest() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    for (int minute = 1; minute <= 60; minute++) {
      clock.advance(Duration.ofMinutes(1)); // sessions live 10 minutes

      assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    }

    assertThat(keyControl.rejectedRequests()).isZero();
    assertThat(keyControl.count("Login")).isEqualTo(1);
    assertThat(keyControl.count("Renew")).isBetween(10L, 13L); // every 5 minutes
  }

  @Test
  void whenRenewalIsRefused_theStoreLogsInAgain() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    keyControl.refuseRenewals();
    clock.advance(Duration.ofMinutes(6));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keyControl.count("Renew")).isEqualTo(1);
    assertThat(keyControl.count("Login")).isEqualTo(2);
    assertThat(keyControl.rejectedRequests()).isZero();
  }

  @Test
  void afterTheSessionExpired_theStoreLogsInAgain_insteadOfRenewing() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    clock.advance(Duration.ofMinutes(11));

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keyControl.count("Renew")).isZero();
    assertThat(keyControl.count("Login")).isEqualTo(2);
  }

  @Test
  void withoutAnExpiry_theSessionCountsAsFiveMinutes_andIsRenewedAfterHalfOfThem() {
    keyControl.omitExpiry();
    connect();
    clock.advance(Duration.ofSeconds(149));
    store.status();
    assertThat(keyControl.count("Renew")).isZero();

    clock.advance(Duration.ofSeconds(1));
    store.status();
    assertThat(keyControl.count("Renew") + keyControl.count("Login")).isEqualTo(2);
  }

  @Test
  void aRevokedSession_getsA401_andTheRequestIsSentAgainAfterALogin() {
    connect().create("my-key", "value-1".getBytes(UTF_8));
    keyControl.revokeSessions();

    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    assertThat(keyControl.rejectedRequests()).isEqualTo(1);
    assertThat(keyControl.count("Login")).isEqualTo(2);
  }

  @Test
  void serverErrorsTimeoutsAndDrops_areRetried() {
    store = builder().timeout(Duration.ofMillis(200)).build();
    store.create("my-key", "value-1".getBytes(UTF_8));
    keyControl.fault(500);
    keyControl.stall();
    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    keyControl.dropConnection();
    keyControl.fault(503);
    assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));

    for (int i = 0; i < 3; i++) {
      keyControl.fault(503);
    }
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("keycontrol: failed to fetch key 'my-key': injected failure 503");
  }

  @Test
  void list_followsNextToken_keepsUnexpiredNames_andNeverReturnsEmptyNames() {
    keyControl.maxPageSize(4);
    connect();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      names.add("key-" + (char) ('a' + i));
      store.create(names.get(i), new byte[] {1});
    }
    keyControl.expire("key-c");
    names.remove("key-c");

    assertThat(store.list("", "", 0).names()).containsExactlyElementsOf(names).doesNotContain("");
    assertThat(keyControl.count("ListSecretIds")).isEqualTo(3);
    RecordedRequest first =
        keyControl.requests().stream()
            .filter(r -> r.getUrl().encodedPath().endsWith("/ListSecretIds/"))
            .findFirst()
            .orElseThrow();
    assertThat(first.getBody().utf8()).isEqualTo("{\"box_id\":\"tenant-1\",\"max_items\":256}");
    assertThat(store.list("key-", "key-e", 2).names()).containsExactly("key-e", "key-f");
  }

  @Test
  void list_whoseTokenRepeats_failsInsteadOfLoopingForever() {
    connect().create("my-key", new byte[] {1});
    keyControl.repeatToken();

    assertThatThrownBy(() -> store.list("", "", 0))
        .hasMessageContaining("the listing does not advance");
  }

  @Test
  void status_fetchesTheBox_andReportsATransportFailureAsUnreachable() {
    connect();
    assertThat(store.status().isNegative()).isFalse();
    assertThat(keyControl.count("GetBox")).isEqualTo(2);

    server.close();
    assertThatThrownBy(() -> store.status())
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("keycontrol: failed to fetch status: ");
  }

  @Test
  void thePasswordAndTheSessionTokens_neverReachTheLog() {
    try (LogCapture log = new LogCapture("io.kesjava.keystore.entrust")) {
      connect().create("my-key", "value-1".getBytes(UTF_8));
      clock.advance(Duration.ofMinutes(6));
      keyControl.fault(FakeKeyControl.error(403, "echo " + FakeKeyControl.PASSWORD));
      store.get("my-key"); // the renewal fails and is logged, then a new login
      clock.advance(Duration.ofMinutes(20));
      server.close();
      catchThrowable(() -> store.get("my-key")); // the login fails and is logged

      assertThat(log.lines())
          .anyMatch(line -> line.startsWith("WARNING keycontrol: failed to log in"))
          .noneMatch(line -> line.contains(FakeKeyControl.PASSWORD))
          .noneMatch(line -> line.contains("session-"));
    }
  }

  @Test
  void anEchoedSessionToken_isRedactedFromMessages() {
    connect();
    String token = keyControl.requests().get(1).getHeaders().get("X-Vault-Auth");
    keyControl.fault(FakeKeyControl.error(400, "bad token " + token));

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown.getMessage()).doesNotContain(token).contains("[redacted]");
  }

  @Test
  void thePassword_isNeverPrinted() {
    EntrustKeyStore.Builder builder = builder();
    assertThat(builder.toString()).doesNotContain(FakeKeyControl.PASSWORD).contains("[redacted]");
    connect();
    assertThat(store.toString())
        .isEqualTo("Entrust KeyControl: " + server.url("/").toString().replaceAll("/$", ""));
    keyControl.fault(FakeKeyControl.error(400, "bad password " + FakeKeyControl.PASSWORD));

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown.getMessage()).doesNotContain(FakeKeyControl.PASSWORD);
  }
}

package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStoreException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Token life ({@code docs/keystores/vault.md}) on the fake Vault with short TTLs: the shared test
 * clock moves, the manual scheduler runs the background renewal when it falls due, and nothing
 * sleeps.
 */
class VaultSessionTest {

  private static final Duration TTL = Duration.ofSeconds(60);

  private VaultFixture fixture;
  private VaultKeyStore store;

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    if (fixture != null) {
      fixture.close();
    }
  }

  private VaultKeyStore open(Duration ttl, Duration maxTtl, boolean renewable) throws Exception {
    fixture = new VaultFixture(2, "", ttl, maxTtl, renewable);
    store = fixture.builder().version(KvVersion.V2).build();
    fixture.scheduler.runDue();
    return store;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void build_logsInOnce() throws Exception {
    open(TTL, Duration.ofHours(1), true);

    assertThat(fixture.vault.logins()).isEqualTo(1);
  }

  @Test
  void backgroundRenewal_renewsAt80PercentOfTheTtl_andKeepsTheToken() throws Exception {
    open(TTL, Duration.ofHours(1), true);

    fixture.scheduler.advance(Duration.ofSeconds(47));
    assertThat(fixture.vault.renewals()).isZero();
    fixture.scheduler.advance(Duration.ofSeconds(1));

    assertThat(fixture.vault.renewals()).isEqualTo(1);
    assertThat(fixture.vault.logins()).isEqualTo(1);
    store.create("k", bytes("v"));
    assertThat(fixture.vault.forbidden()).isZero();
  }

  @Test
  void renewal_sendsIncrementZero_withTheToken() throws Exception {
    open(TTL, Duration.ofHours(1), true);

    fixture.scheduler.advance(Duration.ofSeconds(48));

    FakeVault.Call renew =
        fixture.vault.calls().stream()
            .filter(c -> c.path().equals("/v1/auth/token/renew-self"))
            .findFirst()
            .orElseThrow();
    assertThat(renew.method()).isEqualTo("PUT");
    assertThat(renew.body()).isEqualTo("{\"increment\":0}");
    assertThat(renew.token()).startsWith("hvs.");
  }

  @Test
  void whenRenewalReachesTheMaxTtl_theSessionLogsInAgain_beforeTheTokenDies() throws Exception {
    open(TTL, Duration.ofSeconds(100), true);

    for (int second = 0; second < 300; second++) {
      fixture.scheduler.advance(Duration.ofSeconds(1));
      store.list("", "", 0);
    }

    assertThat(fixture.vault.renewals()).isGreaterThanOrEqualTo(1);
    assertThat(fixture.vault.logins()).isGreaterThanOrEqualTo(3);
    assertThat(fixture.vault.forbidden()).isZero();
  }

  @Test
  void nonRenewableTokens_areReplacedByANewLogin() throws Exception {
    open(TTL, TTL, false);

    fixture.scheduler.advance(Duration.ofSeconds(48));

    assertThat(fixture.vault.logins()).isEqualTo(2);
    assertThat(fixture.vault.renewals()).isZero();
  }

  @Test
  void aRunThroughManyExpiries_withBackgroundRenewal_hasNoFailedRequest() throws Exception {
    open(TTL, Duration.ofSeconds(150), true);

    for (int i = 0; i < 400; i++) {
      fixture.scheduler.advance(Duration.ofSeconds(1));
      store.create("key-" + i, bytes("value-" + i));
      assertThat(store.get("key-" + i)).isEqualTo(bytes("value-" + i));
    }

    assertThat(store.list("", "", 0).names()).hasSize(400);
    assertThat(fixture.vault.forbidden()).isZero();
    assertThat(fixture.vault.logins()).isGreaterThan(1);
  }

  @Test
  void aRunThroughManyExpiries_withoutBackgroundWork_logsInBeforeUsingADeadToken()
      throws Exception {
    open(TTL, TTL, true);

    for (int i = 0; i < 400; i++) {
      fixture.clock.advance(Duration.ofSeconds(1)); // the scheduler never runs
      store.create("key-" + i, bytes("value-" + i));
      assertThat(store.get("key-" + i)).isEqualTo(bytes("value-" + i));
    }

    assertThat(fixture.vault.forbidden()).isZero();
    assertThat(fixture.vault.logins()).isBetween(400 / 55, 400 / 55 + 2);
  }

  @Test
  void aTokenRevokedInVault_isReplaced_andTheRequestRepeated() throws Exception {
    open(TTL, Duration.ofHours(1), true);
    store.create("k", bytes("v"));

    fixture.vault.revokeTokens();

    assertThat(store.get("k")).isEqualTo(bytes("v"));
    assertThat(fixture.vault.logins()).isEqualTo(2);
    assertThat(fixture.vault.calls())
        .filteredOn(c -> c.path().equals("/v1/auth/token/lookup-self"))
        .hasSize(1);
  }

  @Test
  void aDeniedPath_withALiveToken_failsWithVaultsText_withoutANewLogin() throws Exception {
    open(TTL, Duration.ofHours(1), true);
    fixture.vault.deny("kv/");

    assertThatThrownBy(() -> store.get("k"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("permission denied");
    assertThat(fixture.vault.logins()).isEqualTo(1);
  }

  @Test
  void concurrentRequests_afterExpiry_shareOneLogin() throws Exception {
    open(TTL, Duration.ofHours(1), true);
    store.create("k", bytes("v"));
    fixture.clock.advance(Duration.ofMinutes(2));

    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return store.get("k");
                }));
      }
      go.countDown();
      for (Future<byte[]> r : results) {
        assertThat(r.get(10, TimeUnit.SECONDS)).isEqualTo(bytes("v"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(fixture.vault.logins()).isEqualTo(2);
    assertThat(fixture.vault.forbidden()).isZero();
  }

  @Test
  void renewalPausesWhileVaultIsSealed_andResumesAfter() throws Exception {
    fixture = new VaultFixture(2, "", Duration.ofSeconds(120), Duration.ofHours(1), true);
    store = fixture.builder().statusPing(Duration.ofSeconds(5)).build();
    fixture.scheduler.advance(Duration.ofSeconds(89));
    fixture.vault.sealed(true);

    fixture.scheduler.advance(Duration.ofSeconds(11)); // renewal was due at 96 s
    assertThat(fixture.vault.renewals()).isZero();

    fixture.vault.sealed(false);
    fixture.scheduler.advance(Duration.ofSeconds(7)); // the next health probe sees it
    assertThat(fixture.vault.renewals()).isEqualTo(1);
    assertThat(fixture.vault.logins()).isEqualTo(1);
  }

  @Test
  void aFailedBackgroundLogin_isTriedAgainAfterTheRetryDelay() throws Exception {
    open(TTL, TTL, false);
    fixture.vault.failLogins(true);

    fixture.scheduler.advance(Duration.ofSeconds(48));
    assertThat(fixture.vault.logins()).isEqualTo(1);

    fixture.vault.failLogins(false);
    fixture.scheduler.advance(Duration.ofSeconds(5));
    assertThat(fixture.vault.logins()).isEqualTo(2);
  }

  @Test
  void aTokenWithoutTtl_isNeverRenewed() throws Exception {
    open(Duration.ZERO, Duration.ZERO, true);

    fixture.scheduler.advance(Duration.ofHours(2));

    assertThat(fixture.vault.renewals()).isZero();
    assertThat(fixture.vault.logins()).isEqualTo(1);
  }

  @Test
  void aTokenWithoutTtl_thatVaultRevokes_isReplaced_andTheNewOneIsRenewed() throws Exception {
    open(Duration.ZERO, Duration.ZERO, true);
    fixture.vault.revokeTokens();
    fixture.vault.issueTtl(TTL, Duration.ofHours(1));

    store.list("", "", 0); // 403, lookup fails, new login: now a token that expires

    fixture.scheduler.advance(Duration.ofSeconds(48));
    assertThat(fixture.vault.logins()).isEqualTo(2);
    assertThat(fixture.vault.renewals()).isEqualTo(1);
  }

  @Test
  void aTokenReplacedOnTheRequestPath_isStillRenewedInTheBackground() throws Exception {
    open(TTL, Duration.ofHours(1), true);
    fixture.clock.advance(Duration.ofMinutes(5)); // expired; the pending renewal is late
    store.list("", "", 0); // logs in again on the request path
    fixture.scheduler.runDue(); // the late run finds a fresh token and waits for its due time

    fixture.scheduler.advance(Duration.ofSeconds(47));
    assertThat(fixture.vault.renewals()).isZero();
    fixture.scheduler.advance(Duration.ofSeconds(1));

    assertThat(fixture.vault.renewals()).isEqualTo(1);
    assertThat(fixture.vault.logins()).isEqualTo(2);
    assertThat(fixture.scheduler.pending()).isEqualTo(2); // one renewal, one health probe
  }

  @Test
  void operationsAfterClose_areRefused() throws Exception {
    open(TTL, Duration.ofHours(1), true);
    store.close();

    assertThatThrownBy(() -> store.get("k")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void close_stopsBackgroundWork() throws Exception {
    open(TTL, Duration.ofHours(1), true);

    store.close();
    fixture.scheduler.advance(Duration.ofMinutes(5));

    assertThat(fixture.vault.renewals()).isZero();
    assertThat(fixture.scheduler.pending()).isZero();
  }
}

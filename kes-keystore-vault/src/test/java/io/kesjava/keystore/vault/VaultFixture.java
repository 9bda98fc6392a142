package io.kesjava.keystore.vault;

import io.kesjava.testkit.MutableClock;
import java.io.IOException;
import java.time.Duration;

/**
 * A fake Vault with a K/V mount {@code kv}, a Transit mount {@code transit} and an AppRole mount
 * {@code approle} in one namespace, plus the clock and scheduler a store under test shares with it.
 */
final class VaultFixture implements AutoCloseable {

  static final String ROLE_ID = "db02de05-fa39-4855-059b-67221c5c2f63";
  static final String SECRET_ID = "6a174c20-f6de-a53c-74d2-6018fcceff64";

  final MutableClock clock = new MutableClock();
  final ManualScheduler scheduler = new ManualScheduler(clock);
  final FakeVault vault;
  final String namespace;

  /** Tokens live 1 h, at most 24 h, renewable. */
  VaultFixture(int kvVersion, String namespace) throws IOException {
    this(kvVersion, namespace, Duration.ofHours(1), Duration.ofHours(24), true);
  }

  VaultFixture(int kvVersion, String namespace, Duration ttl, Duration maxTtl, boolean renewable)
      throws IOException {
    this.namespace = namespace;
    vault = FakeVault.start(clock);
    vault.kv(namespace, "kv", kvVersion).transit(namespace, "transit");
    vault.appRole(namespace, "approle", ROLE_ID, SECRET_ID, ttl, maxTtl, renewable);
  }

  /** A builder for a store on this fake: K/V version as mounted, AppRole login, test clock. */
  VaultKeyStore.Builder builder() {
    return VaultKeyStore.builder()
        .endpoint(vault.endpoint())
        .namespace(namespace)
        .login(AppRoleLogin.of(ROLE_ID, SECRET_ID))
        .clock(clock)
        .scheduler(scheduler)
        .timeout(Duration.ofSeconds(10));
  }

  @Override
  public void close() {
    vault.close();
  }
}

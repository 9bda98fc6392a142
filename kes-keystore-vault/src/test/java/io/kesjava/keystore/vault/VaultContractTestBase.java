package io.kesjava.keystore.vault;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import org.junit.jupiter.api.AfterEach;

/** Runs the key-store contract on a fresh fake Vault per test, in one engine mode. */
abstract class VaultContractTestBase extends KeyStoreContractTest {

  private final KvVersion version;
  private final boolean transit;
  private final String namespace;
  private final String prefix;
  private VaultFixture fixture;

  VaultContractTestBase(KvVersion version, boolean transit, String namespace, String prefix) {
    this.version = version;
    this.transit = transit;
    this.namespace = namespace;
    this.prefix = prefix;
  }

  @Override
  protected KeyStore newKeyStore() throws Exception {
    fixture = new VaultFixture(version == KvVersion.V1 ? 1 : 2, namespace);
    VaultKeyStore.Builder builder = fixture.builder().version(version).prefix(prefix);
    if (transit) {
      builder.transit("transit", "kes-master");
    }
    VaultKeyStore built = builder.build();
    fixture.scheduler.runDue(); // the first health probe
    return built;
  }

  /**
   * Vault answers 204 to a delete of a missing path, and so does the store
   * (docs/keystores/vault.md).
   */
  @Override
  protected boolean deleteOfMissingKeyFails() {
    return false;
  }

  @AfterEach
  void stopVault() {
    if (fixture != null) {
      fixture.close();
    }
  }
}

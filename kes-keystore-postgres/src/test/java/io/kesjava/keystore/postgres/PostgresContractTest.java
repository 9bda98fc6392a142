package io.kesjava.keystore.postgres;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;

/**
 * The key-store contract against a real PostgreSQL ({@link PostgresCluster}), over TLS with a
 * password login, each test on a new table.
 */
class PostgresContractTest extends KeyStoreContractTest {

  @Override
  protected KeyStore newKeyStore() {
    return PostgresFixture.app().build();
  }
}

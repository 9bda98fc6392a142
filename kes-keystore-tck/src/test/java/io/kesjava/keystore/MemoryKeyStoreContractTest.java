package io.kesjava.keystore;

import io.kesjava.keystore.tck.KeyStoreContractTest;

/** The key-store contract, against {@link MemoryKeyStore}. */
class MemoryKeyStoreContractTest extends KeyStoreContractTest {

  @Override
  protected KeyStore newKeyStore() {
    return new MemoryKeyStore();
  }
}

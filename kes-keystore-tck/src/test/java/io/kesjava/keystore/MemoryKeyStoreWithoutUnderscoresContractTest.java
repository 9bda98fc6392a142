package io.kesjava.keystore;

import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Duration;

/**
 * The key-store contract for a backend that refuses {@code _} in names (as Azure Key Vault does),
 * played by a {@link MemoryKeyStore} behind a guard that refuses such names.
 */
class MemoryKeyStoreWithoutUnderscoresContractTest extends KeyStoreContractTest {

  @Override
  protected KeyStore newKeyStore() {
    MemoryKeyStore memory = new MemoryKeyStore();
    return new KeyStore() {
      @Override
      public void create(String name, byte[] value) {
        if (name.indexOf('_') >= 0) {
          throw new KeyStoreException("no '_' in names");
        }
        memory.create(name, value);
      }

      @Override
      public byte[] get(String name) {
        return memory.get(name);
      }

      @Override
      public void delete(String name) {
        memory.delete(name);
      }

      @Override
      public KeyListing list(String prefix, String continueAt, int limit) {
        return memory.list(prefix, continueAt, limit);
      }

      @Override
      public Duration status() {
        return memory.status();
      }

      @Override
      public String description() {
        return "In Memory, no underscores";
      }

      @Override
      public void close() {}
    };
  }

  @Override
  protected boolean underscoresInNames() {
    return false;
  }
}

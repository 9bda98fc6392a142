package io.kesjava.micrometer;

import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.MemoryKeyStore;
import java.time.Duration;

/** A real in-memory key store that a test can take offline, to see the key store's errors. */
final class OfflineSwitchStore implements KeyStore {

  private final MemoryKeyStore delegate = new MemoryKeyStore();
  volatile boolean offline;

  @Override
  public void create(String name, byte[] value) {
    check();
    delegate.create(name, value);
  }

  @Override
  public byte[] get(String name) {
    check();
    return delegate.get(name);
  }

  @Override
  public void delete(String name) {
    check();
    delegate.delete(name);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    check();
    return delegate.list(prefix, continueAt, limit);
  }

  @Override
  public Duration status() {
    check();
    return delegate.status();
  }

  @Override
  public String description() {
    return "offline-switch " + delegate.description();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void check() {
    if (offline) {
      throw new KeyStoreUnreachableException("test: the key store is offline");
    }
  }
}

package io.kesjava.spring.boot;

import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.MemoryKeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A key-store provider named {@code recording}, found through {@code ServiceLoader} as any backend:
 * it keeps the config it was given and the store it made, so tests see what the starter passed and
 * whether the store was closed. With the setting {@code offline: true} its store cannot be reached.
 */
public final class RecordingKeyStoreProvider implements KeyStoreProvider {

  static final AtomicReference<KeyStoreConfig> LAST_CONFIG = new AtomicReference<>();
  static final AtomicReference<Store> LAST_STORE = new AtomicReference<>();

  /** For {@link java.util.ServiceLoader}. */
  public RecordingKeyStoreProvider() {}

  @Override
  public String name() {
    return "recording";
  }

  @Override
  public KeyStore create(KeyStoreConfig config) {
    LAST_CONFIG.set(config);
    Store store = new Store(config.bool("offline", false));
    LAST_STORE.set(store);
    return store;
  }

  static final class Store implements KeyStore {
    private final MemoryKeyStore delegate = new MemoryKeyStore();
    private final boolean offline;
    volatile boolean closed;

    Store(boolean offline) {
      this.offline = offline;
    }

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
      return "recording";
    }

    @Override
    public void close() {
      closed = true;
    }

    private void check() {
      if (offline) {
        throw new KeyStoreUnreachableException("recording: offline");
      }
    }
  }
}

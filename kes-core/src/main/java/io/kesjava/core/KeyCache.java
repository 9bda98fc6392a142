package io.kesjava.core;

import io.kesjava.crypto.KeyVersion;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import java.time.Clock;
import java.util.Arrays;

/**
 * The engine's cache of parsed key versions ({@code docs/migrating-from-go-kes.md}, cache expiry).
 *
 * <p>A key is dropped {@code any} after it was read, or {@code unused} after it was last used. With
 * {@code offline > 0}, a key read from the store may also be served for up to {@code any + offline}
 * after that read ({@code unused + offline} when {@code any} is off), but only when the key store
 * fails to answer: the store stays the source of truth whenever it is reachable, and no key outlives
 * its read by more than that bound. Concurrent misses of one name cause one read of the store. The
 * expiry itself is {@link ExpiringCache}'s, whose entries hold the cached value without looking
 * into it.
 *
 * <p>Cached keys are not zeroed on eviction: an operation in flight may still use them, and zeroing
 * under it would silently encrypt with a zero key. They become garbage like any other object.
 *
 * <p>Thread-safe.
 */
final class KeyCache {

  private final KeyStore store;
  private final ExpiringCache<KeyVersion> entries;
  /** Told of hits and misses; set once by {@link ObservedEngineCore}, else {@code null}. */
  KesEngineListener listener;

  KeyCache(KeyStore store, CacheConfig config, Clock clock) {
    this.store = store;
    this.entries = new ExpiringCache<>(config, clock);
  }

  /**
   * Returns the key version stored under {@code name}, from the cache or the store.
   *
   * @throws EntryNotFoundException if the store has no such key
   * @throws KeyStoreException if the store fails and no offline copy may be served
   * @throws io.kesjava.crypto.InvalidKeyVersionException if the stored value is corrupt
   */
  KeyVersion get(String name) {
    return entries.get(name, this::load, listener);
  }

  /** Caches a key version that was just written to the store. */
  void put(String name, KeyVersion key) {
    entries.put(name, key);
  }

  /** Forgets {@code name}, after it was deleted or found missing. */
  void invalidate(String name) {
    entries.invalidate(name);
  }

  /** The number of live entries, for tests and metrics. */
  long size() {
    return entries.size();
  }

  /** The number of entries held, live or kept for offline use, for tests. */
  int held() {
    return entries.held();
  }

  private KeyVersion load(String name) {
    byte[] stored = store.get(name);
    try {
      return KeyVersion.parse(stored);
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
  }
}

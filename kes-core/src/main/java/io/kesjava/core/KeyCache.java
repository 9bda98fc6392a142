package io.kesjava.core;

import io.kesjava.crypto.KeyVersion;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

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
 * <p>A cached key holds all its versions ({@link KeyVersions}), read together: a rotation made by
 * another engine becomes visible here when the cached entry expires ({@code any}), or at once when
 * a request names a version this cache does not know ({@link #reload}).
 *
 * <p>Cached keys are not zeroed on eviction: an operation in flight may still use them, and zeroing
 * under it would silently encrypt with a zero key. They become garbage like any other object.
 *
 * <p>Thread-safe.
 */
final class KeyCache {

  private final KeyStore store;
  private final ExpiringCache<KeyVersions> entries;
  /** Told of hits and misses; set once by {@link ObservedEngineCore}, else {@code null}. */
  KesEngineListener listener;

  KeyCache(KeyStore store, CacheConfig config, Clock clock) {
    this.store = store;
    this.entries = new ExpiringCache<>(config, clock);
  }

  /**
   * Returns the versions of the key {@code name}, from the cache or the store.
   *
   * @throws EntryNotFoundException if the store has no such key
   * @throws KeyStoreException if the store fails and no offline copy may be served
   * @throws io.kesjava.crypto.InvalidKeyVersionException if the stored value is corrupt
   */
  KeyVersions get(String name) {
    return entries.get(name, this::load, listener);
  }

  /** Caches the versions of a key that were just written to the store. */
  void put(String name, KeyVersions key) {
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

  /** Reads {@code name} from the store again, replacing what is cached, and returns it. */
  KeyVersions reload(String name) {
    return entries.reload(name, this::load, listener);
  }

  private KeyVersions load(String name) {
    return read(store, name);
  }

  /**
   * Reads every version of {@code name} from the store: its own entry, then the version entries
   * {@code 2, 3, ...} until the first that does not exist ({@code docs/rotation.md}). A version
   * entry of another incarnation of the key is skipped. One read per version, each strongly
   * consistent; no listing.
   *
   * @throws EntryNotFoundException if the store has no such key
   * @throws KeyStoreException if the store fails
   * @throws io.kesjava.crypto.InvalidKeyVersionException if the key's own entry is corrupt
   */
  static KeyVersions read(KeyStore store, String name) {
    byte[] stored = store.get(name);
    KeyVersion base;
    try {
      base = KeyVersion.parse(stored);
    } finally {
      Arrays.fill(stored, (byte) 0);
    }
    String tag = VersionEntries.tag(base);
    List<KeyVersions.Numbered> versions = new ArrayList<>();
    versions.add(new KeyVersions.Numbered(1, base));
    int n = 2;
    for (; n <= VersionEntries.MAX_VERSION; n++) {
      byte[] entry;
      try {
        entry = store.get(VersionEntries.entryName(name, n));
      } catch (EntryNotFoundException e) {
        break;
      }
      try {
        KeyVersion v = VersionEntries.decode(entry, n, tag);
        if (v != null) {
          versions.add(new KeyVersions.Numbered(n, v));
        }
      } finally {
        Arrays.fill(entry, (byte) 0);
      }
    }
    return new KeyVersions(tag, versions, n);
  }
}

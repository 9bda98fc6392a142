package io.kesjava.core;

import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * KES's cache expiry ({@code docs/migrating-from-go-kes.md}, cache expiry) over a {@link
 * ConcurrentHashMap}, for values of any type: {@link KeyCache} keeps parsed key versions in it.
 *
 * <p>Each entry records when it was loaded and, at most every {@link #stampMillis} (a second, or a
 * sixteenth of {@code unused} when that is shorter), when it was last used. A read checks both
 * against the clock, so expiry needs no background thread and no ordered list that every read
 * must update: a hit is a map lookup, a clock read and two comparisons, and the shared entry is
 * written at most once a second however many threads read it. A key is therefore dropped after
 * {@code unused} without use give or take that stamp interval (never later than {@code unused}
 * after its last recorded use, at most one stamp interval earlier than after its last actual use;
 * the store, read again, stays the source of truth).
 *
 * <p>An {@code any} or {@code unused} shorter than a millisecond (the clock is read in
 * milliseconds) makes every read load, as it would with a clock of finer grain.
 *
 * <p>An entry that is no longer live stays in the map while it may still be served offline; dead
 * entries are removed by a sweep that one caller runs at most every {@link #sweepMillis}.
 *
 * <p>Thread-safe. Concurrent misses of one name run the loader once ({@link
 * ConcurrentHashMap#compute}); the loader must not use this cache.
 *
 * @param <V> the cached value; opaque to the cache
 */
final class ExpiringCache<V> {

  /** One cached value and its times, in the clock's milliseconds. */
  private static final class Entry<V> {
    final V value;
    /** Live while the clock is before this ({@code any}); {@code Long.MAX_VALUE} for never. */
    final long liveUntil;
    /** May be served offline while the clock is before this; {@code Long.MIN_VALUE} for never. */
    final long staleUntil;
    /** The last recorded use; written at most every stamp interval. */
    volatile long lastUsed;

    Entry(V value, long now, long liveUntil, long staleUntil) {
      this.value = value;
      this.lastUsed = now;
      this.liveUntil = liveUntil;
      this.staleUntil = staleUntil;
    }
  }

  private final ConcurrentHashMap<String, Entry<V>> map = new ConcurrentHashMap<>();
  private final Clock clock;
  private final long anyMillis;
  private final long unusedMillis;
  /** {@code any} (else {@code unused}) plus {@code offline}; 0 when nothing is served offline. */
  private final long staleMillis;
  private final long stampMillis;
  /**
   * An {@code any} or {@code unused} under a millisecond: no entry is ever live, so every read
   * loads (what such an expiry means; the clock is read in milliseconds).
   */
  private final boolean neverLive;
  private final long sweepMillis;
  private final AtomicLong nextSweep;

  ExpiringCache(CacheConfig config, Clock clock) {
    this.clock = clock;
    this.anyMillis = millis(config.any());
    this.unusedMillis = millis(config.unused());
    long lifetime = anyMillis != 0 ? anyMillis : unusedMillis;
    long offline = millis(config.offline());
    this.staleMillis = offline == 0 || lifetime == 0 ? 0 : saturatedAdd(lifetime, offline);
    this.stampMillis = Math.min(1000, unusedMillis / 16);
    this.neverLive = underAMillisecond(config.any()) || underAMillisecond(config.unused());
    long shortest = anyMillis == 0 ? unusedMillis
        : unusedMillis == 0 ? anyMillis : Math.min(anyMillis, unusedMillis);
    this.sweepMillis = shortest == 0 ? 0 : Math.min(60_000, Math.max(1000, shortest));
    this.nextSweep = new AtomicLong(sweepMillis == 0 ? Long.MAX_VALUE
        : saturatedAdd(clock.millis(), sweepMillis));
  }

  /** A duration in whole milliseconds, rounded up, so that a positive duration stays positive. */
  static long millis(Duration d) {
    if (d.isZero()) {
      return 0;
    }
    if (d.getSeconds() >= Long.MAX_VALUE / 1000 - 1) {
      return Long.MAX_VALUE;
    }
    return d.getSeconds() * 1000 + (d.getNano() + 999_999) / 1_000_000;
  }

  private static boolean underAMillisecond(Duration d) {
    return !d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
  }

  /**
   * Returns the value cached under {@code name}, or loads it.
   *
   * <p>If the loader throws a {@link KeyStoreException} other than {@link EntryNotFoundException}
   * and {@link KeyStoreStatusException} (the store did not answer), a value that expired but is
   * within its offline bound is returned instead. {@link EntryNotFoundException} forgets the name.
   *
   * @param listener told of the hit, miss or offline hit; may be {@code null}
   */
  V get(String name, Function<String, V> loader, KesEngineListener listener) {
    long now = clock.millis();
    Entry<V> e = map.get(name);
    if (e != null && live(e, now)) {
      if (unusedMillis != 0 && now - e.lastUsed >= stampMillis) {
        e.lastUsed = now;
      }
      if (now >= nextSweep.get()) {
        sweep(now);
      }
      if (listener != null) {
        listener.onCacheHit();
      }
      return e.value;
    }
    if (listener != null) {
      listener.onCacheMiss();
    }
    return fetch(name, loader, listener, false);
  }

  /**
   * Loads {@code name} again although a live value may be cached (another engine may have changed
   * what the store holds), and caches the result; the offline rule of {@link #get} applies.
   *
   * @param listener told of the offline hit, if any; may be {@code null}
   */
  V reload(String name, Function<String, V> loader, KesEngineListener listener) {
    return fetch(name, loader, listener, true);
  }

  private V fetch(String name, Function<String, V> loader, KesEngineListener listener,
      boolean force) {
    try {
      return load(name, loader, force);
    } catch (EntryNotFoundException | KeyStoreStatusException x) {
      throw x;
    } catch (KeyStoreException x) {
      Entry<V> old = map.get(name);
      long now = clock.millis();
      if (old != null && live(old, now)) {
        return old.value; // a forced reload failed: what is cached is still live
      }
      if (old != null && now < old.staleUntil) {
        if (listener != null) {
          listener.onOfflineCacheHit();
        }
        return old.value;
      }
      throw x;
    }
  }

  private V load(String name, Function<String, V> loader, boolean force) {
    EntryNotFoundException[] missing = new EntryNotFoundException[1];
    Entry<V> loaded = map.compute(name, (k, old) -> {
      long now = clock.millis();
      if (!force && old != null && live(old, now)) {
        return old; // another caller loaded it while this one waited
      }
      try {
        return entry(loader.apply(k), now);
      } catch (EntryNotFoundException x) {
        missing[0] = x;
        return null; // removes the mapping: the store says the key is gone
      }
    });
    if (loaded == null) {
      throw missing[0];
    }
    long now = clock.millis();
    if (now >= nextSweep.get()) {
      sweep(now);
    }
    return loaded.value;
  }

  /** Caches a value that was just written to the store. */
  void put(String name, V value) {
    map.put(name, entry(value, clock.millis()));
  }

  /** Forgets {@code name}. */
  void invalidate(String name) {
    map.remove(name);
  }

  /** The number of live entries (a walk of the map: for tests and metrics). */
  long size() {
    long now = clock.millis();
    return map.values().stream().filter(e -> live(e, now)).count();
  }

  /** The number of entries held, live or kept for offline use (for tests). */
  int held() {
    return map.size();
  }

  private Entry<V> entry(V value, long now) {
    long liveUntil = anyMillis == 0 ? Long.MAX_VALUE : saturatedAdd(now, anyMillis);
    long staleUntil = staleMillis == 0 ? Long.MIN_VALUE : saturatedAdd(now, staleMillis);
    return new Entry<>(value, now, liveUntil, staleUntil);
  }

  private boolean live(Entry<V> e, long now) {
    return !neverLive
        && now < e.liveUntil && (unusedMillis == 0 || now - e.lastUsed < unusedMillis);
  }

  /** Removes entries that are neither live nor servable offline; one caller at a time. */
  private void sweep(long now) {
    long due = nextSweep.get();
    if (now < due || !nextSweep.compareAndSet(due, saturatedAdd(now, sweepMillis))) {
      return;
    }
    map.forEach((name, e) -> {
      if (!live(e, now) && now >= e.staleUntil) {
        map.remove(name, e);
      }
    });
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyCacheTest {

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FlakyKeyStore store = new FlakyKeyStore();

  private KesEngine engine(CacheConfig cache) {
    return KesEngine.builder().keyStore(store).cache(cache).clock(clock).build();
  }

  private static CacheConfig cache(int anySeconds, int unusedSeconds, int offlineSeconds) {
    return new CacheConfig(
        Duration.ofSeconds(anySeconds),
        Duration.ofSeconds(unusedSeconds),
        Duration.ofSeconds(offlineSeconds));
  }

  @Test
  void aCreatedKey_isServedFromTheCache() {
    KesEngine kes = engine(cache(300, 30, 0));
    kes.createKey("k");
    kes.generateKey("k", new byte[0]);
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isZero();
  }

  @Test
  void anUnusedKey_isReadAgainAfterTheUnusedExpiry() {
    KesEngine kes = engine(cache(300, 30, 0));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(31));
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isEqualTo(1);
  }

  @Test
  void aUsedKey_staysUntilTheAnyExpiry() {
    KesEngine kes = engine(cache(60, 30, 0));
    kes.createKey("k");
    for (int i = 0; i < 5; i++) {
      clock.advance(Duration.ofSeconds(10));
      kes.generateKey("k", new byte[0]);
    }
    assertThat(store.reads.get()).isZero();
    clock.advance(Duration.ofSeconds(11));
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isEqualTo(1);
  }

  @Test
  void zeroExpiries_keepKeysForever() {
    KesEngine kes = engine(cache(0, 0, 0));
    kes.createKey("k");
    clock.advance(Duration.ofDays(365));
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isZero();
  }

  @Test
  void withoutOfflineExpiry_anExpiredKeyFailsWhileTheStoreIsOffline() {
    KesEngine kes = engine(cache(60, 30, 0));
    kes.createKey("k");
    store.offline = true;
    kes.generateKey("k", new byte[0]); // still cached
    clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> kes.generateKey("k", new byte[0]))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessage("failed to read key");
  }

  @Test
  void withOfflineExpiry_anExpiredKeyIsServedWhileTheStoreIsOffline_forThatLong() {
    KesEngine kes = engine(cache(60, 30, 120));
    kes.createKey("k");
    byte[] ct = kes.encrypt("k", "hello".getBytes(), new byte[0]);
    store.offline = true;
    clock.advance(Duration.ofSeconds(61));
    assertThat(kes.decrypt("k", ct, new byte[0]).bytes()).isEqualTo("hello".getBytes());
    clock.advance(Duration.ofSeconds(60));
    assertThat(kes.decrypt("k", ct, new byte[0]).bytes()).isEqualTo("hello".getBytes());
    clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> kes.decrypt("k", ct, new byte[0]))
        .isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void withOfflineExpiry_theStoreStaysTheSourceOfTruthWhileReachable() {
    KesEngine kes = engine(cache(60, 30, 120));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(61));
    store.delegate.delete("k"); // deleted behind the engine's back
    assertThatThrownBy(() -> kes.generateKey("k", new byte[0]))
        .isInstanceOf(KeyNotFoundException.class);
    store.offline = true;
    assertThatThrownBy(() -> kes.generateKey("k", new byte[0]))
        .isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void withOfflineExpiry_aKeyIsNeverServedLongerThanAnyPlusOfflineAfterItWasRead() {
    KesEngine kes = engine(cache(60, 30, 120));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(1000)); // idle: nothing touched the cache
    store.offline = true;
    assertThatThrownBy(() -> kes.generateKey("k", new byte[0]))
        .isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void withOfflineExpiry_aKeyReadAgainIsServedForAnyPlusOfflineFromThatRead() {
    KesEngine kes = engine(cache(60, 30, 120));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(100));
    kes.generateKey("k", new byte[0]); // read from the store again at t=100
    store.offline = true;
    clock.advance(Duration.ofSeconds(170));
    kes.generateKey("k", new byte[0]); // t=270 < 100 + 60 + 120
    clock.advance(Duration.ofSeconds(11));
    assertThatThrownBy(() -> kes.generateKey("k", new byte[0]))
        .isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void deletingAKey_evictsIt() {
    KesEngine kes = engine(cache(300, 30, 300));
    kes.createKey("k");
    kes.deleteKey("k");
    assertThatThrownBy(() -> kes.describeKey("k")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void concurrentMissesOfOneKey_readTheStoreOnce() throws Exception {
    KesEngine kes = engine(cache(300, 30, 0));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(31));
    store.gate = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        calls.add(pool.submit(() -> kes.generateKey("k", new byte[0])));
      }
      while (store.reads.get() == 0) {
        Thread.onSpinWait();
      }
      Thread.sleep(50); // let the other callers reach the cache and wait for the one read
      store.gate.countDown();
      for (Future<?> f : calls) {
        f.get(10, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.reads.get()).isEqualTo(1);
  }

  @Test
  void aUseWithinASecondOfTheLastRecordedUse_isNotRecorded_soTheKeyExpiresAtMostASecondEarly() {
    KesEngine kes = engine(cache(0, 30, 0));
    kes.createKey("k"); // recorded as used at 0
    clock.advance(Duration.ofMillis(999));
    kes.generateKey("k", new byte[0]); // within a second: not recorded
    clock.advance(Duration.ofMillis(29_000)); // 29.999 s: live; recorded
    kes.generateKey("k", new byte[0]);
    clock.advance(Duration.ofMillis(400)); // 30.399 s: within a second, not recorded
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isZero();
    clock.advance(Duration.ofMillis(29_600)); // 59.999 s: 30 s after the recorded use
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isEqualTo(1); // 29.6 s after the last actual use
  }

  @Test
  void aSubMillisecondExpiry_readsTheStoreForEveryUse() {
    KesEngine kes = engine(new CacheConfig(Duration.ofNanos(1), Duration.ZERO, Duration.ZERO));
    kes.createKey("k");
    kes.generateKey("k", new byte[0]);
    kes.generateKey("k", new byte[0]); // the same millisecond still reads
    assertThat(store.reads.get()).isEqualTo(2);
    KesEngine unused = engine(new CacheConfig(Duration.ZERO, Duration.ofNanos(999_999),
        Duration.ZERO));
    unused.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isEqualTo(3);
  }

  @Test
  void aOneMillisecondExpiry_servesFromTheCacheWithinTheMillisecond() {
    KesEngine kes = engine(new CacheConfig(Duration.ofMillis(1), Duration.ZERO, Duration.ZERO));
    kes.createKey("k");
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isZero();
    clock.advance(Duration.ofMillis(1));
    kes.generateKey("k", new byte[0]);
    assertThat(store.reads.get()).isEqualTo(1);
  }

  @Test
  void expiredEntries_areSweptFromMemory_onceTheyCannotBeServedOffline() {
    KeyCache cache = new KeyCache(store, cache(60, 30, 120), clock);
    for (int i = 0; i < 100; i++) {
      cache.put("k" + i, KeyVersions.of(io.kesjava.crypto.KeyVersion.generate(
          io.kesjava.crypto.KeyAlgorithm.AES256, "", clock)));
    }
    store.delegate.create("hot", io.kesjava.crypto.KeyVersion.generate(
        io.kesjava.crypto.KeyAlgorithm.AES256, "", clock).encode());
    clock.advance(Duration.ofSeconds(61));
    cache.get("hot"); // a sweep is due, but the 100 keys may still be served offline
    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.held()).isEqualTo(101);
    clock.advance(Duration.ofSeconds(120)); // 181 s after they were written: past any + offline
    cache.get("hot");
    assertThat(cache.held()).isEqualTo(1);
  }

  @Test
  void aKeyDeletedBehindTheCache_isForgottenWhenTheStoreSaysSo() {
    KeyCache cache = new KeyCache(store, cache(60, 30, 120), clock);
    cache.put("k", KeyVersions.of(io.kesjava.crypto.KeyVersion.generate(
        io.kesjava.crypto.KeyAlgorithm.AES256, "", clock)));
    clock.advance(Duration.ofSeconds(61));
    assertThatThrownBy(() -> cache.get("k"))
        .isInstanceOf(io.kesjava.keystore.EntryNotFoundException.class);
    assertThat(cache.held()).isZero();
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
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
}

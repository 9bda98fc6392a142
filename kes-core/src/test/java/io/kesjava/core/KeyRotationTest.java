package io.kesjava.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.crypto.KeyVersion;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.FileSystemKeyStore;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rotation in the engine: versions in the store, the cache, and two engines on one store. */
class KeyRotationTest {

  private static final byte[] NONE = new byte[0];
  private static final CacheConfig CACHE =
      new CacheConfig(Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private KesEngine engine(io.kesjava.keystore.KeyStore store) {
    return KesEngine.builder().keyStore(store).cache(CACHE).clock(clock).build();
  }

  private static byte[] plain(SecretBytes s) {
    try (s) {
      return s.bytes();
    }
  }

  @Test
  void aNeverRotatedKey_isStoredExactlyAsBefore_inOneEntry() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    assertThat(store.list("", "", 0).names()).containsExactly("k");
    // The entry is KES's own stored form: base64 protobuf, which parses as a key version.
    byte[] stored = store.get("k");
    assertThat(new String(stored, UTF_8)).matches("[A-Za-z0-9+/=]+");
    assertThat(KeyVersion.parse(stored).createdBy()).isEqualTo("embedded");
  }

  @Test
  void rotation_addsOneImmutableEntryPerVersion_boundToTheKey() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    byte[] base = store.get("k");
    clock.advance(Duration.ofHours(1));
    assertThat(kes.rotateKey("k")).isEqualTo("2");
    assertThat(kes.rotateKey("k")).isEqualTo("3");
    assertThat(store.list("", "", 0).names()).containsExactly("k", "k-v2-", "k-v3-");
    assertThat(store.get("k")).isEqualTo(base);
    String entry = new String(store.get("k-v2-"), UTF_8);
    assertThat(entry).matches(
        "\\{\"version\":2,\"bound_to\":\"[0-9a-f]{32}\",\"key\":\"[A-Za-z0-9+/=]+\"}");
    assertThat(entry).doesNotContain(new String(base, UTF_8));
    assertThat(kes.listKeys("*").names()).containsExactly("k");
    KeyInfo info = kes.describeKey("k");
    assertThat(info.versions().get(1).createdAt()).isEqualTo(clock.instant());
    assertThat(info.versions().get(0).createdAt()).isEqualTo(clock.instant().minusSeconds(3600));
  }

  @Test
  void theRotatingEngine_generatesWithTheNewVersionAtOnce_anotherOneWhenItsCacheExpires() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine a = engine(store);
    KesEngine b = engine(new Shared(store));
    a.createKey("k");
    assertThat(b.generateKey("k", NONE).version()).isEmpty(); // b caches the key now
    assertThat(a.rotateKey("k")).isEqualTo("2");
    DataKey fromA = a.generateKey("k", NONE);
    assertThat(fromA.version()).contains("2");

    clock.advance(Duration.ofSeconds(59));
    assertThat(b.generateKey("k", NONE).version()).isEmpty();
    clock.advance(Duration.ofSeconds(2));
    assertThat(b.generateKey("k", NONE).version()).contains("2");
  }

  @Test
  void aDecryptNoCachedVersionOpens_looksForANewerVersionOnce() {
    FlakyKeyStore store = new FlakyKeyStore();
    KesEngine a = engine(store);
    KesEngine b = engine(new Shared(store));
    a.createKey("k");
    b.describeKey("k"); // b caches version 1 only
    a.rotateKey("k");
    DataKey fromA = a.generateKey("k", NONE);

    // b still generates with version 1 (its cache has not expired), yet it opens a version-2
    // ciphertext without being told the version: it finds version 2 in the store.
    assertThat(plain(b.decrypt("k", fromA.ciphertext(), NONE)))
        .isEqualTo(fromA.plaintext().bytes());
    assertThat(b.generateKey("k", NONE).version()).contains("2");

    // A ciphertext that no version opens costs one probe for a version 3, nothing more.
    store.reads.set(0);
    store.versionReads.set(0);
    assertThatThrownBy(() -> b.decrypt("k", fromA.ciphertext(), "other".getBytes(UTF_8)))
        .isInstanceOf(NotAuthenticException.class);
    assertThat(store.reads.get()).isZero();
    assertThat(store.versionReads.get()).isEqualTo(1);
  }

  @Test
  void aVersionTheCacheDoesNotKnow_isLookedUpInTheStore() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine a = engine(store);
    KesEngine b = engine(new Shared(store));
    a.createKey("k");
    b.describeKey("k");
    a.rotateKey("k");
    DataKey fromA = a.generateKey("k", NONE);
    assertThat(plain(b.decrypt("k", fromA.ciphertext(), NONE, "2")))
        .isEqualTo(fromA.plaintext().bytes());
    assertThatThrownBy(() -> b.decrypt("k", fromA.ciphertext(), NONE, "3"))
        .isInstanceOf(KesException.class)
        .hasMessage("key version '3' does not exist");
  }

  @Test
  void aVersionNoServerMade_costsOneProbe_andNoFullRead() {
    FlakyKeyStore store = new FlakyKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    kes.rotateKey("k");
    DataKey dek = kes.generateKey("k", NONE);
    store.reads.set(0);
    store.versionReads.set(0);
    assertThatThrownBy(() -> kes.decrypt("k", dek.ciphertext(), NONE, "9"))
        .isInstanceOf(KesException.class)
        .hasMessage("key version '9' does not exist");
    assertThat(store.reads.get()).isZero();
    assertThat(store.versionReads.get()).isEqualTo(1); // is there a version 3?
  }

  @Test
  void aColdRead_costsOneStoreReadPerVersion_plusOneProbe() {
    FlakyKeyStore store = new FlakyKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    kes.rotateKey("k");
    kes.rotateKey("k");
    clock.advance(Duration.ofSeconds(61));
    store.reads.set(0);
    store.versionReads.set(0);
    kes.generateKey("k", NONE).close();
    assertThat(store.reads.get()).isEqualTo(1);
    assertThat(store.versionReads.get()).isEqualTo(3); // versions 2 and 3, and the missing 4
    kes.generateKey("k", NONE).close();
    assertThat(store.reads.get() + store.versionReads.get()).isEqualTo(4); // cached
  }

  @Test
  void versionsLeftByAnUnfinishedDelete_areNeverAdopted_andTheNextDeleteRemovesThem() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    kes.rotateKey("k");
    kes.rotateKey("k");
    // A delete that removed version 3, then stopped: version 2 stays, without a gap below it.
    store.delete("k-v3-");
    store.delete("k");
    assertThat(kes.listKeys("*").names()).isEmpty();

    KesEngine other = engine(new Shared(store));
    other.createKey("k");
    assertThat(store.list("", "", 0).names()).containsExactly("k", "k-v2-");
    assertThat(other.describeKey("k").versions()).isEmpty();
    DataKey v1 = other.generateKey("k", NONE);
    assertThat(v1.version()).isEmpty();
    assertThatThrownBy(() -> other.decrypt("k", v1.ciphertext(), NONE, "2"))
        .isInstanceOf(KesException.class)
        .hasMessage("key version '2' does not exist");
    // The stale number is taken: the first rotation of the new key is version 3.
    assertThat(other.rotateKey("k")).isEqualTo("3");
    clock.advance(Duration.ofSeconds(61));
    assertThat(other.describeKey("k").versions()).extracting(KeyInfo.Version::version)
        .containsExactly("1", "3");
    DataKey v3 = other.generateKey("k", NONE);
    assertThat(v3.version()).contains("3");
    assertThat(plain(other.decrypt("k", v1.ciphertext(), NONE))).isEqualTo(v1.plaintext().bytes());
    assertThat(plain(other.decrypt("k", v3.ciphertext(), NONE))).isEqualTo(v3.plaintext().bytes());
    other.deleteKey("k");
    assertThat(store.list("", "", 0).names()).isEmpty();
  }

  @Test
  void describingAndLogging_neverShowKeyMaterialOrTags() {
    MemoryKeyStore store = new MemoryKeyStore();
    KesEngine kes = engine(store);
    kes.createKey("k");
    kes.rotateKey("k");
    String entry = new String(store.get("k-v2-"), UTF_8);
    String tag = entry.substring(entry.indexOf("bound_to\":\"") + 11, entry.indexOf("\",\"key"));
    DataKey dek = kes.generateKey("k", NONE);
    assertThat(dek.toString()).doesNotContain(tag).contains("version=2");
    assertThat(kes.describeKey("k").toString()).doesNotContain(tag);
    KeyVersions all = KeyCache.read(store, "k");
    assertThat(all.toString()).isEqualTo("KeyVersions[2 versions]");
  }

  /**
   * Two engines on one fs directory rotate one key 100 times each, at once: every acknowledged
   * version is distinct and kept, and every data key made under any of them decrypts on both.
   */
  @Test
  void twoEnginesRotatingAtOnce_loseNoVersion_andReuseNoNumber(@TempDir Path dir)
      throws Exception {
    KesEngine[] engines = {engine(FileSystemKeyStore.open(dir)),
        engine(FileSystemKeyStore.open(dir))};
    engines[0].createKey("k");
    int rounds = 100;
    Map<String, DataKey> deks = new ConcurrentHashMap<>();
    List<String> acknowledged = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (KesEngine e : engines) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < rounds; i++) {
            acknowledged.add(e.rotateKey("k"));
            DataKey d = e.generateKey("k", NONE);
            deks.put(d.version().orElseThrow() + "/" + deks.size() + "/" + i
                + System.identityHashCode(e), d);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    Set<String> distinct = new HashSet<>(acknowledged);
    assertThat(acknowledged).hasSize(2 * rounds);
    assertThat(distinct).hasSize(2 * rounds);
    clock.advance(Duration.ofSeconds(61)); // both caches expire
    Set<String> stored = new TreeSet<>();
    for (KeyInfo.Version v : engines[1].describeKey("k").versions()) {
      stored.add(v.version());
    }
    assertThat(stored).containsAll(distinct);
    for (DataKey d : deks.values()) {
      String version = d.version().orElseThrow();
      assertThat(distinct).contains(version);
      for (KesEngine e : engines) {
        assertThat(plain(e.decrypt("k", d.ciphertext(), NONE, version)))
            .isEqualTo(d.plaintext().bytes());
        assertThat(plain(e.decrypt("k", d.ciphertext(), NONE))).isEqualTo(d.plaintext().bytes());
      }
    }
    engines[0].deleteKey("k");
    assertThat(FileSystemKeyStore.open(dir).list("", "", 0).names()).isEmpty();
  }

  /** A second handle on a store, so that closing one engine does not close the other's. */
  private record Shared(io.kesjava.keystore.KeyStore delegate)
      implements io.kesjava.keystore.KeyStore {
    @Override
    public void create(String name, byte[] value) {
      delegate.create(name, value);
    }

    @Override
    public byte[] get(String name) {
      return delegate.get(name);
    }

    @Override
    public void delete(String name) {
      delegate.delete(name);
    }

    @Override
    public io.kesjava.keystore.KeyListing list(String prefix, String continueAt, int limit) {
      return delegate.list(prefix, continueAt, limit);
    }

    @Override
    public Duration status() {
      return delegate.status();
    }

    @Override
    public String description() {
      return delegate.description();
    }

    @Override
    public void close() {}
  }
}

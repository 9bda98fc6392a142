package io.kesjava.bench.jmh;

import io.kesjava.bench.RawPipeline;
import io.kesjava.core.DataKey;
import io.kesjava.core.KesEngine;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.KeyVersion;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The engine's generate (AES256, 32-byte DEK, a context) with 1, 1,000 and 100,000 keys in use:
 * each call picks a key at random, so the cache holds all of them. Throughput must stay flat.
 *
 * <p>The reference {@link #raw} does the least any service must do with N keys: a {@code
 * ConcurrentHashMap} from name to key bytes, then the raw pipeline under the key found. What it
 * loses from 1 to 100,000 keys is the machine's (memory latency once the keys outgrow the CPU
 * caches), not the engine's.
 *
 * <p>{@link #mapCache} is the engine's own generate (kes-crypto's {@code KeyVersion} and {@code
 * MasterKey}, a {@code DataKey}) behind a {@code ConcurrentHashMap} whose entries record their last
 * use in a field, instead of the Caffeine cache with access-order expiry: what the engine would
 * cost with such a cache (a candidate change to kes-core's {@code KeyCache}, not made here).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeysBench {

  @Param({"1", "1000", "100000"})
  public int keys;

  KesEngine engine;
  String[] names;
  final ConcurrentHashMap<String, byte[]> rawKeys = new ConcurrentHashMap<>();
  final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

  /** A cached key version and when it was last used. */
  static final class Entry {
    final KeyVersion version;
    long lastUsed;

    Entry(KeyVersion version) {
      this.version = version;
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    engine = KesEngine.builder().keyStore(new MemoryKeyStore()).build();
    names = new String[keys];
    for (int i = 0; i < keys; i++) {
      names[i] = "bench-key-" + i;
      engine.createKey(names[i]);
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      rawKeys.put(names[i], k);
      entries.put(names[i], new Entry(KeyVersion.generate(KeyAlgorithm.AES256, "", Clock.systemUTC())));
    }
  }

  /** The reference pipeline, one per thread. */
  @State(Scope.Thread)
  public static class Raw {
    RawPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
      pipeline = new RawPipeline(RawPipeline.Algorithm.AES256, new byte[32]);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    engine.close();
  }

  @Benchmark
  public DataKey generate() {
    String name = names[ThreadLocalRandom.current().nextInt(names.length)];
    return engine.generateKey(name, Fixtures.CONTEXT);
  }

  @Benchmark
  public DataKey mapCache() {
    String name = names[ThreadLocalRandom.current().nextInt(names.length)];
    Entry e = entries.get(name);
    long now = System.nanoTime();
    if (now - e.lastUsed > 1_000_000_000L) {
      e.lastUsed = now; // written at most once a second: no cache-line ping-pong between readers
    }
    SecretBytes dek = SecretBytes.random(32);
    byte[] plain = dek.bytes();
    try {
      return new DataKey(dek, e.version.key().encrypt(plain, Fixtures.CONTEXT));
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  @Benchmark
  public byte[][] raw(Raw raw) {
    String name = names[ThreadLocalRandom.current().nextInt(names.length)];
    return raw.pipeline.generate(rawKeys.get(name), Fixtures.CONTEXT);
  }
}

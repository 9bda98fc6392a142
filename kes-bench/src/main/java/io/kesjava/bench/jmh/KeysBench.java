package io.kesjava.bench.jmh;

import io.kesjava.bench.RawPipeline;
import io.kesjava.core.DataKey;
import io.kesjava.core.KesEngine;
import io.kesjava.keystore.MemoryKeyStore;
import java.security.SecureRandom;
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

/**
 * The engine's generate (AES256, 32-byte DEK, a context) with 1, 1,000 and 100,000 keys in use:
 * each call picks a key at random, so the cache holds all of them. Throughput must stay flat.
 *
 * <p>The reference {@link #raw} does the least any service must do with N keys: a {@code
 * ConcurrentHashMap} from name to key bytes, then the raw pipeline under the key found. What it
 * loses from 1 to 100,000 keys is the machine's (memory latency once the keys outgrow the CPU
 * caches), not the engine's.
 *
 * <p>Target: the engine at 100,000 keys at least 0.95 of {@link #raw} at 100,000 keys, with 1 and
 * 2 threads. The engine's key cache is a {@code ConcurrentHashMap} too, with KES's expiry checked
 * on each read (kes-core's {@code KeyCache}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class KeysBench extends EngineState {

  @Param({"1", "1000", "100000"})
  public int keys;

  String[] names;
  final ConcurrentHashMap<String, byte[]> rawKeys = new ConcurrentHashMap<>();

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


  @Benchmark
  public DataKey generate() {
    String name = names[ThreadLocalRandom.current().nextInt(names.length)];
    return engine.generateKey(name, Fixtures.CONTEXT);
  }

  @Benchmark
  public byte[][] raw(Raw raw) {
    String name = names[ThreadLocalRandom.current().nextInt(names.length)];
    return raw.pipeline.generate(rawKeys.get(name), Fixtures.CONTEXT);
  }
}

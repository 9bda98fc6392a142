package io.kesjava.bench.jmh;

import io.kesjava.bench.RawPipeline;
import io.kesjava.core.DataKey;
import io.kesjava.crypto.KeyAlgorithm;
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
 * KES generate (a 32-byte DEK sealed under a named key with a context): the engine against the raw
 * JCA pipeline with reused objects, side by side in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class GenerateBench extends EngineState {

  @Param({"AES256", "CHACHA20"})
  public String algorithm;

  byte[] masterKey;

  @Setup(Level.Trial)
  public void setUp() {
    masterKey = Fixtures.random(32);
    engine = Fixtures.memoryEngine(KeyAlgorithm.valueOf(algorithm), masterKey);
  }


  /** The reference, one per thread. */
  @State(Scope.Thread)
  public static class Raw {
    RawPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp(GenerateBench b) {
      pipeline = new RawPipeline(RawPipeline.Algorithm.valueOf(b.algorithm), b.masterKey);
    }
  }

  @Benchmark
  public DataKey engine() {
    return engine.generateKey(Fixtures.KEY, Fixtures.CONTEXT);
  }

  @Benchmark
  public byte[][] raw(Raw raw) {
    return raw.pipeline.generate(Fixtures.CONTEXT);
  }
}

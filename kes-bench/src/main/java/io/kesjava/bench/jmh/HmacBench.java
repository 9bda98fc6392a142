package io.kesjava.bench.jmh;

import io.kesjava.bench.RawPipeline;
import io.kesjava.crypto.KeyAlgorithm;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** HMAC-SHA256 of a 32-byte message: the engine's {@code hmac} against a reused JCA {@code Mac}. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HmacBench extends EngineState {

  byte[] hmacKey;
  byte[] message;

  @Setup(Level.Trial)
  public void setUp() {
    engine = Fixtures.memoryEngine(KeyAlgorithm.AES256, Fixtures.random(32));
    hmacKey = Fixtures.random(32);
    message = Fixtures.random(32);
  }


  /** The reference, one per thread. */
  @State(Scope.Thread)
  public static class Raw {
    RawPipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
      pipeline = new RawPipeline(RawPipeline.Algorithm.AES256, Fixtures.random(32));
    }
  }

  @Benchmark
  public byte[] engine() {
    return engine.hmac(Fixtures.KEY, message);
  }

  @Benchmark
  public byte[] raw(Raw raw) {
    return raw.pipeline.hmac(hmacKey, message);
  }
}

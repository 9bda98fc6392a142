package io.kesjava.bench.jmh;

import io.kesjava.bench.RawPipeline;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
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
 * Encrypt and decrypt of 32 bytes and 4 KiB with a context: the engine against the raw JCA
 * pipeline with reused objects, side by side ({@link TinkBench} is the third reference).
 * Decryption walks a pool of distinct ciphertexts, as a server sees them.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SealBench extends EngineState {

  static final int POOL = 1024;

  @Param({"AES256", "CHACHA20"})
  public String algorithm;

  @Param({"32", "4096"})
  public int size;

  byte[] masterKey;
  byte[] plaintext;

  @Setup(Level.Trial)
  public void setUp() {
    masterKey = Fixtures.random(32);
    engine = Fixtures.memoryEngine(KeyAlgorithm.valueOf(algorithm), masterKey);
    plaintext = Fixtures.random(size);
  }


  /** Per-thread reference pipeline and ciphertext pools. */
  @State(Scope.Thread)
  public static class PerThread {
    RawPipeline raw;
    byte[][] ciphertexts = new byte[POOL][];
    int next;

    @Setup(Level.Trial)
    public void setUp(SealBench b) {
      raw = new RawPipeline(RawPipeline.Algorithm.valueOf(b.algorithm), b.masterKey);
      for (int i = 0; i < POOL; i++) {
        ciphertexts[i] = b.engine.encrypt(Fixtures.KEY, Fixtures.random(b.size), Fixtures.CONTEXT);
      }
    }

    int next() {
      int i = next;
      next = (i + 1) & (POOL - 1);
      return i;
    }
  }

  @Benchmark
  public byte[] encryptEngine() {
    return engine.encrypt(Fixtures.KEY, plaintext, Fixtures.CONTEXT);
  }

  @Benchmark
  public byte[] encryptRaw(PerThread t) {
    return t.raw.encrypt(plaintext, Fixtures.CONTEXT);
  }

  @Benchmark
  public SecretBytes decryptEngine(PerThread t) {
    return engine.decrypt(Fixtures.KEY, t.ciphertexts[t.next()], Fixtures.CONTEXT);
  }

  @Benchmark
  public byte[] decryptRaw(PerThread t) {
    return t.raw.decrypt(t.ciphertexts[t.next()], Fixtures.CONTEXT);
  }
}

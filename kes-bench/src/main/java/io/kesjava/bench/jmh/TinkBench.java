package io.kesjava.bench.jmh;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
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
 * Tink's AES256-GCM AEAD, encrypt and decrypt of 32 bytes and 4 KiB with the same context: a
 * fixed key, so no per-message key derivation or key schedule. What an AEAD costs on this JDK
 * when the key is set up once; KES's format sets one up per message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TinkBench {

  @Param({"32", "4096"})
  public int size;

  Aead tink;
  byte[] plaintext;

  @Setup(Level.Trial)
  public void setUp() throws GeneralSecurityException {
    tink = TinkAead.aes256Gcm();
    plaintext = Fixtures.random(size);
  }

  /** Per-thread ciphertext pool. */
  @State(Scope.Thread)
  public static class PerThread {
    byte[][] ciphertexts = new byte[SealBench.POOL][];
    int next;

    @Setup(Level.Trial)
    public void setUp(TinkBench b) throws GeneralSecurityException {
      for (int i = 0; i < ciphertexts.length; i++) {
        ciphertexts[i] = b.tink.encrypt(Fixtures.random(b.size), Fixtures.CONTEXT);
      }
    }
  }

  @Benchmark
  public byte[] encrypt() throws GeneralSecurityException {
    return tink.encrypt(plaintext, Fixtures.CONTEXT);
  }

  @Benchmark
  public byte[] decrypt(PerThread t) throws GeneralSecurityException {
    int i = t.next;
    t.next = (i + 1) & (SealBench.POOL - 1);
    return tink.decrypt(t.ciphertexts[i], Fixtures.CONTEXT);
  }
}

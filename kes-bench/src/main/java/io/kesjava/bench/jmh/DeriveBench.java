package io.kesjava.bench.jmh;

import io.kesjava.bench.Sha256InJava;
import io.kesjava.crypto.BenchCrypto;
import java.security.GeneralSecurityException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
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
 * AES256's per-message key, HMAC-SHA256(K, iv) with a 16-byte iv, three ways, with 1 and 100,000
 * keys picked at random: what a cached key's representation costs once the keys leave the CPU
 * caches.
 *
 * <ul>
 *   <li>{@link #padStates}: kes-crypto's way, two {@code MessageDigest}s that absorbed the pads,
 *       cloned per message (two compressions, plus the cloned objects' memory).
 *   <li>{@link #macInit}: the raw pipeline's way, {@code Mac.init} with the 32 key bytes per
 *       message (four compressions, 32 bytes of key memory).
 *   <li>{@link #sha256InJava}: 64 bytes of mid-states per key and SHA-256's compression written in
 *       Java (two compressions without the JDK's intrinsic).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DeriveBench {

  @Param({"1", "100000"})
  public int keys;

  byte[][] raw;
  BenchCrypto.PadStates[] pads;
  int[][] states;
  final byte[] iv = Fixtures.random(16);

  @Setup(Level.Trial)
  public void setUp() {
    raw = new byte[keys][];
    pads = new BenchCrypto.PadStates[keys];
    states = new int[keys][];
    for (int i = 0; i < keys; i++) {
      raw[i] = Fixtures.random(32);
      pads[i] = new BenchCrypto.PadStates(raw[i]);
      states[i] = Sha256InJava.padStates(raw[i]);
    }
  }

  /** A JCA Mac and an output buffer per thread. */
  @State(Scope.Thread)
  public static class PerThread {
    Mac mac;
    final byte[] out = new byte[32];

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
      mac = Mac.getInstance("HmacSHA256");
    }
  }

  private int pick() {
    return keys == 1 ? 0 : ThreadLocalRandom.current().nextInt(keys);
  }

  @Benchmark
  public byte[] padStates(PerThread t) {
    pads[pick()].mac(iv, 0, 16, t.out, 0);
    return t.out;
  }

  @Benchmark
  public byte[] macInit(PerThread t) throws GeneralSecurityException {
    t.mac.init(new SecretKeySpec(raw[pick()], "HmacSHA256"));
    t.mac.update(iv);
    t.mac.doFinal(t.out, 0);
    return t.out;
  }

  @Benchmark
  public byte[] sha256InJava(PerThread t) {
    Sha256InJava.mac(states[pick()], iv, 0, 16, t.out, 0);
    return t.out;
  }
}

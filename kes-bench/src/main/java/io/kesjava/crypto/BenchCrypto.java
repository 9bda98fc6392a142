package io.kesjava.crypto;

/**
 * kes-crypto's package-private primitives, for the benchmarks' reference pipelines: the JCA has no
 * HChaCha20, so the "raw" XChaCha20 pipeline derives its message key with the same code the engine
 * uses, and the comparison measures only what differs.
 */
public final class BenchCrypto {

  private BenchCrypto() {}

  /** Writes HChaCha20(key, in[off:off+16]) to {@code out[0:32]}. */
  public static void hchacha20(byte[] key, byte[] in, int off, byte[] out) {
    HChaCha20.subkey(key, in, off, out);
  }
}

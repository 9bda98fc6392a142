package io.kesjava.crypto;

/**
 * kes-crypto's package-private primitives, for the benchmarks' reference pipelines: the JCA has no
 * HChaCha20, so the "raw" XChaCha20 pipeline derives its message key with the same code the engine
 * uses, and the comparison measures only what differs.
 */
public final class BenchCrypto {

  private BenchCrypto() {}

  /**
   * HMAC-SHA256 under one key from precomputed pad states, as a {@code MasterKey} derives AES256's
   * per-message keys.
   */
  public static final class PadStates {
    private final HmacSha256 hmac;

    public PadStates(byte[] key) {
      hmac = HmacSha256.of(key);
    }

    /** Writes HMAC(key, in[off:off+len]) to {@code out[outOff:outOff+32]}. */
    public void mac(byte[] in, int off, int len, byte[] out, int outOff) {
      hmac.mac(in, off, len, out, outOff);
    }
  }

  /** Writes HChaCha20(key, in[off:off+16]) to {@code out[0:32]}. */
  public static void hchacha20(byte[] key, byte[] in, int off, byte[] out) {
    HChaCha20.subkey(key, in, off, out);
  }
}

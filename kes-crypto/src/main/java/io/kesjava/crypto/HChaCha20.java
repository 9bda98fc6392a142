package io.kesjava.crypto;

import java.util.Arrays;

/**
 * HChaCha20 ({@code docs/formats.md#key-types}): the ChaCha20 block function without the final
 * feed-forward, from which KES derives a ChaCha20 per-message key as {@code HChaCha20(K, iv)}.
 *
 * <p>The JDK has no XChaCha20, and KES's construction is not XChaCha20 anyway (its 12-byte AEAD nonce
 * is independent of the 16-byte derivation input), so this is written out here.
 */
final class HChaCha20 {

  static final int KEY_LENGTH = 32;
  static final int INPUT_LENGTH = 16;

  private HChaCha20() {}

  /**
   * Returns the 32-byte subkey for a 32-byte key and a 16-byte input; the caller zeroes it.
   *
   * @throws IllegalArgumentException on wrong lengths
   */
  static byte[] subkey(byte[] key, byte[] input) {
    if (key.length != KEY_LENGTH || input.length != INPUT_LENGTH) {
      throw new IllegalArgumentException("HChaCha20 needs a 32-byte key and a 16-byte input");
    }
    int[] s = new int[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) {
      s[4 + i] = littleEndian(key, 4 * i);
    }
    for (int i = 0; i < 4; i++) {
      s[12 + i] = littleEndian(input, 4 * i);
    }
    for (int round = 0; round < 10; round++) {
      quarterRound(s, 0, 4, 8, 12);
      quarterRound(s, 1, 5, 9, 13);
      quarterRound(s, 2, 6, 10, 14);
      quarterRound(s, 3, 7, 11, 15);
      quarterRound(s, 0, 5, 10, 15);
      quarterRound(s, 1, 6, 11, 12);
      quarterRound(s, 2, 7, 8, 13);
      quarterRound(s, 3, 4, 9, 14);
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 4; i++) {
      putLittleEndian(out, 4 * i, s[i]);
      putLittleEndian(out, 16 + 4 * i, s[12 + i]);
    }
    Arrays.fill(s, 0);
    return out;
  }

  private static void quarterRound(int[] s, int a, int b, int c, int d) {
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 16);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 12);
    s[a] += s[b];
    s[d] = Integer.rotateLeft(s[d] ^ s[a], 8);
    s[c] += s[d];
    s[b] = Integer.rotateLeft(s[b] ^ s[c], 7);
  }

  private static int littleEndian(byte[] b, int off) {
    return (b[off] & 0xff)
        | (b[off + 1] & 0xff) << 8
        | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static void putLittleEndian(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}

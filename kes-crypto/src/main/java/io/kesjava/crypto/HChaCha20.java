package io.kesjava.crypto;

/**
 * HChaCha20 ({@code docs/formats.md#key-types}): the ChaCha20 block function without the final
 * feed-forward, from which KES derives a ChaCha20 per-message key as {@code HChaCha20(K, iv)}.
 *
 * <p>The JDK has no XChaCha20, and KES's construction is not XChaCha20 anyway (its 12-byte AEAD nonce
 * is independent of the 16-byte derivation input), so this is written out here: on sixteen local
 * variables, which the JIT keeps in registers, with no state array to allocate and zero.
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
    byte[] out = new byte[32];
    subkey(key, input, 0, out);
    return out;
  }

  /**
   * Writes the subkey for a 32-byte key and the 16 bytes {@code in[off:off+16]} to {@code
   * out[0:32]}; the caller zeroes it.
   */
  static void subkey(byte[] key, byte[] in, int off, byte[] out) {
    if (key.length != KEY_LENGTH || off < 0 || off > in.length - INPUT_LENGTH
        || out.length < 32) {
      throw new IllegalArgumentException("HChaCha20 needs a 32-byte key and a 16-byte input");
    }
    int x0 = 0x61707865;
    int x1 = 0x3320646e;
    int x2 = 0x79622d32;
    int x3 = 0x6b206574;
    int x4 = littleEndian(key, 0);
    int x5 = littleEndian(key, 4);
    int x6 = littleEndian(key, 8);
    int x7 = littleEndian(key, 12);
    int x8 = littleEndian(key, 16);
    int x9 = littleEndian(key, 20);
    int x10 = littleEndian(key, 24);
    int x11 = littleEndian(key, 28);
    int x12 = littleEndian(in, off);
    int x13 = littleEndian(in, off + 4);
    int x14 = littleEndian(in, off + 8);
    int x15 = littleEndian(in, off + 12);
    for (int round = 0; round < 10; round++) {
      // columns
      x0 += x4;
      x12 = Integer.rotateLeft(x12 ^ x0, 16);
      x8 += x12;
      x4 = Integer.rotateLeft(x4 ^ x8, 12);
      x0 += x4;
      x12 = Integer.rotateLeft(x12 ^ x0, 8);
      x8 += x12;
      x4 = Integer.rotateLeft(x4 ^ x8, 7);
      x1 += x5;
      x13 = Integer.rotateLeft(x13 ^ x1, 16);
      x9 += x13;
      x5 = Integer.rotateLeft(x5 ^ x9, 12);
      x1 += x5;
      x13 = Integer.rotateLeft(x13 ^ x1, 8);
      x9 += x13;
      x5 = Integer.rotateLeft(x5 ^ x9, 7);
      x2 += x6;
      x14 = Integer.rotateLeft(x14 ^ x2, 16);
      x10 += x14;
      x6 = Integer.rotateLeft(x6 ^ x10, 12);
      x2 += x6;
      x14 = Integer.rotateLeft(x14 ^ x2, 8);
      x10 += x14;
      x6 = Integer.rotateLeft(x6 ^ x10, 7);
      x3 += x7;
      x15 = Integer.rotateLeft(x15 ^ x3, 16);
      x11 += x15;
      x7 = Integer.rotateLeft(x7 ^ x11, 12);
      x3 += x7;
      x15 = Integer.rotateLeft(x15 ^ x3, 8);
      x11 += x15;
      x7 = Integer.rotateLeft(x7 ^ x11, 7);
      // diagonals
      x0 += x5;
      x15 = Integer.rotateLeft(x15 ^ x0, 16);
      x10 += x15;
      x5 = Integer.rotateLeft(x5 ^ x10, 12);
      x0 += x5;
      x15 = Integer.rotateLeft(x15 ^ x0, 8);
      x10 += x15;
      x5 = Integer.rotateLeft(x5 ^ x10, 7);
      x1 += x6;
      x12 = Integer.rotateLeft(x12 ^ x1, 16);
      x11 += x12;
      x6 = Integer.rotateLeft(x6 ^ x11, 12);
      x1 += x6;
      x12 = Integer.rotateLeft(x12 ^ x1, 8);
      x11 += x12;
      x6 = Integer.rotateLeft(x6 ^ x11, 7);
      x2 += x7;
      x13 = Integer.rotateLeft(x13 ^ x2, 16);
      x8 += x13;
      x7 = Integer.rotateLeft(x7 ^ x8, 12);
      x2 += x7;
      x13 = Integer.rotateLeft(x13 ^ x2, 8);
      x8 += x13;
      x7 = Integer.rotateLeft(x7 ^ x8, 7);
      x3 += x4;
      x14 = Integer.rotateLeft(x14 ^ x3, 16);
      x9 += x14;
      x4 = Integer.rotateLeft(x4 ^ x9, 12);
      x3 += x4;
      x14 = Integer.rotateLeft(x14 ^ x3, 8);
      x9 += x14;
      x4 = Integer.rotateLeft(x4 ^ x9, 7);
    }
    putLittleEndian(out, 0, x0);
    putLittleEndian(out, 4, x1);
    putLittleEndian(out, 8, x2);
    putLittleEndian(out, 12, x3);
    putLittleEndian(out, 16, x12);
    putLittleEndian(out, 20, x13);
    putLittleEndian(out, 24, x14);
    putLittleEndian(out, 28, x15);
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

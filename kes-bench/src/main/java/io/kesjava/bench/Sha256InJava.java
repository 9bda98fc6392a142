package io.kesjava.bench;

import java.util.Arrays;

/**
 * Benchmark only: HMAC-SHA256 of a short message from the two pad mid-states held as 16 ints,
 * with SHA-256's compression function (FIPS 180-4) written in Java. It answers one question: would
 * a cached key flattened to 64 bytes of state, with no {@code MessageDigest} objects to clone, be
 * cheaper than the JDK's intrinsic SHA-256? Not used by the product.
 */
public final class Sha256InJava {

  private static final int[] K = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
  };
  private static final int[] INITIAL = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
  };

  private Sha256InJava() {}

  /** The inner (ints 0-7) and outer (8-15) mid-states of HMAC-SHA256 under a key of ≤ 64 bytes. */
  public static int[] padStates(byte[] key) {
    int[] states = new int[16];
    int[] w = new int[16];
    for (int half = 0; half < 2; half++) {
      int fill = half == 0 ? 0x36 : 0x5c;
      for (int i = 0; i < 64; i++) {
        int b = (i < key.length ? key[i] & 0xff : 0) ^ fill;
        w[i >> 2] |= b << (24 - 8 * (i & 3));
      }
      compress(INITIAL, 0, w, states, 8 * half);
      Arrays.fill(w, 0);
    }
    return states;
  }

  /** Writes HMAC(key, in[off:off+len]) to {@code out[outOff:+32]}; {@code len} at most 55. */
  public static void mac(int[] states, byte[] in, int off, int len, byte[] out, int outOff) {
    if (len > 55) {
      throw new IllegalArgumentException("one block only: at most 55 bytes");
    }
    int[] w = new int[16];
    int[] h = new int[8];
    for (int i = 0; i < len; i++) {
      w[i >> 2] |= (in[off + i] & 0xff) << (24 - 8 * (i & 3));
    }
    w[len >> 2] |= 0x80 << (24 - 8 * (len & 3));
    w[15] = (64 + len) * 8;
    compress(states, 0, w, h, 0);
    System.arraycopy(h, 0, w, 0, 8);
    w[8] = 0x80000000;
    Arrays.fill(w, 9, 15, 0);
    w[15] = (64 + 32) * 8;
    compress(states, 8, w, h, 0);
    for (int i = 0; i < 8; i++) {
      out[outOff + 4 * i] = (byte) (h[i] >>> 24);
      out[outOff + 4 * i + 1] = (byte) (h[i] >>> 16);
      out[outOff + 4 * i + 2] = (byte) (h[i] >>> 8);
      out[outOff + 4 * i + 3] = (byte) h[i];
    }
    Arrays.fill(w, 0);
    Arrays.fill(h, 0);
  }

  /** One compression of the block {@code w} (overwritten) from {@code in[inOff:+8]} into out. */
  private static void compress(int[] in, int inOff, int[] w, int[] out, int outOff) {
    int a = in[inOff];
    int b = in[inOff + 1];
    int c = in[inOff + 2];
    int d = in[inOff + 3];
    int e = in[inOff + 4];
    int f = in[inOff + 5];
    int g = in[inOff + 6];
    int h = in[inOff + 7];
    for (int t = 0; t < 64; t++) {
      int wt = w[t & 15];
      if (t >= 16) {
        int x = w[(t - 15) & 15];
        int y = w[(t - 2) & 15];
        wt += (Integer.rotateRight(x, 7) ^ Integer.rotateRight(x, 18) ^ (x >>> 3))
            + w[(t - 7) & 15]
            + (Integer.rotateRight(y, 17) ^ Integer.rotateRight(y, 19) ^ (y >>> 10));
        w[t & 15] = wt;
      }
      int t1 = h + (Integer.rotateRight(e, 6) ^ Integer.rotateRight(e, 11)
          ^ Integer.rotateRight(e, 25)) + ((e & f) ^ (~e & g)) + K[t] + wt;
      int t2 = (Integer.rotateRight(a, 2) ^ Integer.rotateRight(a, 13)
          ^ Integer.rotateRight(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g;
      g = f;
      f = e;
      e = d + t1;
      d = c;
      c = b;
      b = a;
      a = t1 + t2;
    }
    out[outOff] = in[inOff] + a;
    out[outOff + 1] = in[inOff + 1] + b;
    out[outOff + 2] = in[inOff + 2] + c;
    out[outOff + 3] = in[inOff + 3] + d;
    out[outOff + 4] = in[inOff + 4] + e;
    out[outOff + 5] = in[inOff + 5] + f;
    out[outOff + 6] = in[inOff + 6] + g;
    out[outOff + 7] = in[inOff + 7] + h;
  }
}

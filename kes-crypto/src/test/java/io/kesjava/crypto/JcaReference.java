package io.kesjava.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The current ciphertext format ({@code docs/formats.md#key-types}) written the plain way, as
 * {@link MasterKey} did before its per-key HMAC states and in-place nonces: a fresh {@code Mac}
 * per derivation, HChaCha20 on a state array, iv and nonce copied out, fresh {@code Cipher}s. The
 * properties check the production path against it in both directions.
 */
final class JcaReference {

  private JcaReference() {}

  /** HMAC-SHA256 with the JCA. */
  static byte[] hmac(byte[] key, byte[] message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HMAC-SHA256(K, iv) or HChaCha20(K, iv). */
  static byte[] derive(KeyAlgorithm algorithm, byte[] key, byte[] iv) {
    return algorithm == KeyAlgorithm.AES256 ? hmac(key, iv) : hchacha20(key, iv);
  }

  /** {@code sealed || iv || nonce} with fresh random iv and nonce. */
  static byte[] encrypt(KeyAlgorithm algorithm, byte[] key, byte[] plaintext, byte[] aad) {
    byte[] iv = new byte[16];
    byte[] nonce = new byte[12];
    SecureRandom random = new SecureRandom();
    random.nextBytes(iv);
    random.nextBytes(nonce);
    byte[] sealed = aead(algorithm, Cipher.ENCRYPT_MODE, derive(algorithm, key, iv), nonce,
        plaintext, aad);
    byte[] out = Arrays.copyOf(sealed, sealed.length + 28);
    System.arraycopy(iv, 0, out, sealed.length, 16);
    System.arraycopy(nonce, 0, out, sealed.length + 16, 12);
    return out;
  }

  /** Opens a current-format ciphertext; throws on any failure. */
  static byte[] decrypt(KeyAlgorithm algorithm, byte[] key, byte[] ciphertext, byte[] aad) {
    int n = ciphertext.length;
    byte[] iv = Arrays.copyOfRange(ciphertext, n - 28, n - 12);
    byte[] nonce = Arrays.copyOfRange(ciphertext, n - 12, n);
    return aead(algorithm, Cipher.DECRYPT_MODE, derive(algorithm, key, iv), nonce,
        Arrays.copyOf(ciphertext, n - 28), aad);
  }

  private static byte[] aead(KeyAlgorithm algorithm, int mode, byte[] key, byte[] nonce,
      byte[] in, byte[] aad) {
    try {
      Cipher c;
      if (algorithm == KeyAlgorithm.AES256) {
        c = Cipher.getInstance("AES/GCM/NoPadding");
        c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
      } else {
        c = Cipher.getInstance("ChaCha20-Poly1305");
        c.init(mode, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(nonce));
      }
      c.updateAAD(aad);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** HChaCha20 on a state array of sixteen words, as written before. */
  static byte[] hchacha20(byte[] key, byte[] input) {
    int[] s = new int[16];
    s[0] = 0x61707865;
    s[1] = 0x3320646e;
    s[2] = 0x79622d32;
    s[3] = 0x6b206574;
    for (int i = 0; i < 8; i++) {
      s[4 + i] = le(key, 4 * i);
    }
    for (int i = 0; i < 4; i++) {
      s[12 + i] = le(input, 4 * i);
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
      putLe(out, 4 * i, s[i]);
      putLe(out, 16 + 4 * i, s[12 + i]);
    }
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

  private static int le(byte[] b, int off) {
    return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16
        | (b[off + 3] & 0xff) << 24;
  }

  private static void putLe(byte[] b, int off, int v) {
    b[off] = (byte) v;
    b[off + 1] = (byte) (v >>> 8);
    b[off + 2] = (byte) (v >>> 16);
    b[off + 3] = (byte) (v >>> 24);
  }
}

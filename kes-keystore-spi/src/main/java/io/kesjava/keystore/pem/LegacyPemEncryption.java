package io.kesjava.keystore.pem;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The legacy PEM encryption of RFC 1423 ({@code Proc-Type: 4,ENCRYPTED} and {@code DEK-Info}
 * headers) that KES reads for {@code tls.password} ({@code docs/configuration.md#tls}) and that
 * {@code kes identity new --encrypt} writes. The key is OpenSSL's {@code EVP_BytesToKey} with MD5,
 * one round, and the first 8 bytes of the IV as salt. It is weak by today's standards; it is here
 * for compatibility only.
 */
final class LegacyPemEncryption {

  private enum Algorithm {
    DES_CBC("DES-CBC", "DES", 8, 8),
    DES_EDE3_CBC("DES-EDE3-CBC", "DESede", 24, 8),
    AES_128_CBC("AES-128-CBC", "AES", 16, 16),
    AES_192_CBC("AES-192-CBC", "AES", 24, 16),
    AES_256_CBC("AES-256-CBC", "AES", 32, 16);

    final String pemName;
    final String jceName;
    final int keySize;
    final int blockSize;

    Algorithm(String pemName, String jceName, int keySize, int blockSize) {
      this.pemName = pemName;
      this.jceName = jceName;
      this.keySize = keySize;
      this.blockSize = blockSize;
    }
  }

  private LegacyPemEncryption() {}

  static boolean isEncrypted(PemBlock block) {
    String procType = block.headers().get("Proc-Type");
    return procType != null && procType.replace(" ", "").equalsIgnoreCase("4,ENCRYPTED");
  }

  /**
   * Decrypts the block's bytes.
   *
   * @throws PemException if the password is missing or wrong, or the headers are unsupported
   */
  static byte[] decrypt(PemBlock block, char[] password) {
    if (password == null || password.length == 0) {
      throw new PemException("private key is encrypted: password required");
    }
    String dekInfo = block.headers().get("DEK-Info");
    if (dekInfo == null) {
      throw new PemException("encrypted private key: no DEK-Info header");
    }
    int comma = dekInfo.indexOf(',');
    if (comma < 0) {
      throw new PemException("encrypted private key: malformed DEK-Info header");
    }
    String name = dekInfo.substring(0, comma).trim().toUpperCase(Locale.ROOT);
    Algorithm algorithm = null;
    for (Algorithm a : Algorithm.values()) {
      if (a.pemName.equals(name)) {
        algorithm = a;
      }
    }
    if (algorithm == null) {
      throw new PemException("encrypted private key: unsupported cipher '" + name + "'");
    }
    byte[] iv;
    try {
      iv = HexFormat.of().parseHex(dekInfo.substring(comma + 1).trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new PemException("encrypted private key: malformed IV in DEK-Info header");
    }
    if (iv.length != algorithm.blockSize) {
      throw new PemException("encrypted private key: IV has the wrong size");
    }
    byte[] data = block.bytes();
    if (data.length == 0 || data.length % algorithm.blockSize != 0) {
      throw new PemException("encrypted private key: data is not a whole number of blocks");
    }
    byte[] key = deriveKey(password, Arrays.copyOf(iv, 8), algorithm.keySize);
    byte[] plain;
    try {
      Cipher cipher = Cipher.getInstance(algorithm.jceName + "/CBC/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, algorithm.jceName), new IvParameterSpec(iv));
      plain = cipher.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new PemException("encrypted private key: cannot decrypt with " + algorithm.pemName, e);
    } finally {
      Arrays.fill(key, (byte) 0);
    }
    // Check PKCS#7 padding in full, as Go does: a wrong password almost always breaks it.
    int pad = plain[plain.length - 1] & 0xff;
    boolean ok = pad >= 1 && pad <= algorithm.blockSize && pad <= plain.length;
    for (int i = 0; ok && i < pad; i++) {
      ok = (plain[plain.length - 1 - i] & 0xff) == pad;
    }
    if (!ok) {
      Arrays.fill(plain, (byte) 0);
      throw new PemException("private key is encrypted: incorrect password");
    }
    byte[] result = Arrays.copyOf(plain, plain.length - pad);
    Arrays.fill(plain, (byte) 0);
    return result;
  }

  /** Encrypts {@code der} with AES-256-CBC into a block of {@code type} with RFC 1423 headers. */
  static String encrypt(String type, byte[] der, char[] password) {
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("a password is required to encrypt a private key");
    }
    Algorithm algorithm = Algorithm.AES_256_CBC;
    byte[] iv = new byte[algorithm.blockSize];
    new SecureRandom().nextBytes(iv);
    byte[] key = deriveKey(password, Arrays.copyOf(iv, 8), algorithm.keySize);
    int pad = algorithm.blockSize - der.length % algorithm.blockSize;
    byte[] padded = Arrays.copyOf(der, der.length + pad);
    Arrays.fill(padded, der.length, padded.length, (byte) pad);
    try {
      Cipher cipher = Cipher.getInstance("AES/CBC/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
      byte[] encrypted = cipher.doFinal(padded);
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Proc-Type", "4,ENCRYPTED");
      headers.put("DEK-Info", algorithm.pemName + "," + HexFormat.of().withUpperCase().formatHex(iv));
      return PemCodec.encode(type, headers, encrypted);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-256-CBC is not available", e);
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(padded, (byte) 0);
    }
  }

  /** OpenSSL's EVP_BytesToKey(MD5, salt, password, 1 round). */
  private static byte[] deriveKey(char[] password, byte[] salt, int keySize) {
    ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
    byte[] pw = new byte[encoded.remaining()];
    encoded.get(pw);
    Arrays.fill(encoded.array(), (byte) 0);
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      byte[] key = new byte[keySize];
      byte[] digest = new byte[0];
      for (int filled = 0; filled < keySize; ) {
        md5.reset();
        md5.update(digest);
        md5.update(pw);
        md5.update(salt);
        digest = md5.digest();
        int n = Math.min(digest.length, keySize - filled);
        System.arraycopy(digest, 0, key, filled, n);
        filled += n;
      }
      Arrays.fill(digest, (byte) 0);
      return key;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("MD5 is not available", e);
    } finally {
      Arrays.fill(pw, (byte) 0);
    }
  }
}

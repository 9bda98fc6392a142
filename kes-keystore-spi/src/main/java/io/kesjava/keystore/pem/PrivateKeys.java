package io.kesjava.keystore.pem;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Turns the DER of a private-key PEM block into a JDK {@link PrivateKey} with the JDK alone, so
 * that the JDK's TLS implementation recognises the key's algorithm. Messages never contain key
 * bytes.
 */
final class PrivateKeys {

  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] RSA = HEX.parseHex("06092a864886f70d010101");
  private static final byte[] EC_PUBLIC_KEY = HEX.parseHex("06072a8648ce3d0201");
  private static final byte[] NULL = {0x05, 0x00};
  /** The JDK algorithm of each key algorithm OID (content bytes in hex). */
  private static final Map<String, String> ALGORITHMS = Map.of(
      "2a864886f70d010101", "RSA",
      "2a864886f70d01010a", "RSASSA-PSS",
      "2a8648ce3d0201", "EC",
      "2b6570", "Ed25519",
      "2b6571", "Ed448");

  private PrivateKeys() {}

  /** Decodes a block of type {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. */
  static PrivateKey decode(String type, byte[] der) {
    byte[] pkcs8;
    try {
      switch (type) {
        case "PRIVATE KEY":
          return fromPkcs8(der);
        case "RSA PRIVATE KEY":
          Der.whole(der, Der.SEQUENCE);
          pkcs8 = Der.sequence(new byte[] {2, 1, 0}, Der.sequence(RSA, NULL), Der.octetString(der));
          break;
        case "EC PRIVATE KEY":
          pkcs8 = Der.sequence(new byte[] {2, 1, 0}, Der.sequence(EC_PUBLIC_KEY, curveOf(der)),
              Der.octetString(der));
          break;
        default:
          throw new PemException("unsupported private key type '" + type + "'");
      }
    } catch (IllegalArgumentException e) {
      if (e instanceof PemException) {
        throw e;
      }
      throw new PemException("malformed private key in '" + type + "' block");
    }
    try {
      return fromPkcs8(pkcs8);
    } finally {
      Arrays.fill(pkcs8, (byte) 0);
    }
  }

  /**
   * Decrypts and decodes a PKCS#8 {@code ENCRYPTED PRIVATE KEY} block (an extension to KES): the
   * schemes of the JDK, PBES2 with PBKDF2 and AES among them (what {@code openssl pkcs8 -topk8}
   * writes by default). Not scrypt.
   */
  static PrivateKey decodeEncrypted(byte[] der, char[] password) {
    if (password == null || password.length == 0) {
      throw new PemException("private key is encrypted: password required");
    }
    EncryptedPrivateKeyInfo encrypted;
    String algorithm;
    AlgorithmParameters parameters;
    try {
      encrypted = new EncryptedPrivateKeyInfo(der);
      parameters = encrypted.getAlgParameters();
      algorithm = encrypted.getAlgName();
    } catch (IOException | RuntimeException e) {
      throw new PemException("encrypted private key: unsupported encryption scheme");
    }
    if (algorithm.equals("PBES2") || algorithm.equals("1.2.840.113549.1.5.13")) {
      // The JDK names the whole scheme (PBEWithHmacSHA256AndAES_256) only in the parameters.
      algorithm = parameters == null ? algorithm : parameters.toString();
    }
    byte[] plain;
    try {
      SecretKey key =
          SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
      Cipher cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.DECRYPT_MODE, key, parameters);
      plain = cipher.doFinal(encrypted.getEncryptedData());
    } catch (BadPaddingException e) {
      throw new PemException("private key is encrypted: incorrect password");
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PemException("encrypted private key: unsupported encryption scheme");
    }
    try {
      return fromPkcs8(plain);
    } catch (PemException e) {
      // Padding that happens to look right with a wrong password leaves garbage here.
      throw new PemException("private key is encrypted: incorrect password");
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  /**
   * A JDK key from PKCS#8, version 1 or 2. The key is re-encoded as version 1 without attributes
   * and public key, because older JDKs reject version 2 for some algorithms.
   */
  static PrivateKey fromPkcs8(byte[] der) {
    byte[] algorithmId;
    byte[] privateKey;
    try {
      List<Der.Element> parts = Der.children(der, Der.whole(der, Der.SEQUENCE));
      if (parts.size() < 3 || parts.get(0).tag() != Der.INTEGER
          || parts.get(1).tag() != Der.SEQUENCE || parts.get(2).tag() != Der.OCTET_STRING) {
        throw new IllegalArgumentException("malformed DER");
      }
      BigInteger version = new BigInteger(parts.get(0).content(der));
      if (version.signum() < 0 || version.compareTo(BigInteger.ONE) > 0) {
        throw new IllegalArgumentException("malformed DER");
      }
      algorithmId = parts.get(1).encoded(der);
      privateKey = parts.get(2).encoded(der);
    } catch (IllegalArgumentException e) {
      throw new PemException("malformed private key in 'PRIVATE KEY' block");
    }
    Der.Element oid = Der.read(algorithmId, Der.read(algorithmId, 0).contentStart(), Der.OID);
    byte[] oidContent = oid.content(algorithmId);
    String algorithm = ALGORITHMS.get(HEX.formatHex(oidContent));
    if (algorithm == null) {
      throw new PemException("unsupported private key algorithm " + Der.oidToString(oidContent));
    }
    byte[] v1 = Der.sequence(new byte[] {2, 1, 0}, algorithmId, privateKey);
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(v1));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PemException("malformed or unsupported " + algorithm + " private key");
    } finally {
      Arrays.fill(v1, (byte) 0);
      Arrays.fill(privateKey, (byte) 0);
    }
  }

  /**
   * The version 1 form (RFC 5208: no public key) of a PKCS#8 encoding, as Go and OpenSSL 3.0 read
   * it; attributes are kept. Newer JDKs encode Ed25519 and Ed448 keys in the version 2 form (RFC
   * 5958), which OpenSSL 3.0, and so curl, refuses.
   *
   * @throws IllegalArgumentException if {@code der} is not PKCS#8
   */
  static byte[] toVersion1(byte[] der) {
    try {
      List<Der.Element> parts = Der.children(der, Der.whole(der, Der.SEQUENCE));
      if (parts.size() < 3 || parts.get(0).tag() != Der.INTEGER
          || parts.get(1).tag() != Der.SEQUENCE || parts.get(2).tag() != Der.OCTET_STRING) {
        throw new IllegalArgumentException("malformed DER");
      }
      if (new BigInteger(parts.get(0).content(der)).signum() == 0 && parts.stream()
          .noneMatch(p -> p.tag() == 0x81 || p.tag() == 0xa1)) {
        return der.clone();
      }
      java.io.ByteArrayOutputStream rest = new java.io.ByteArrayOutputStream();
      for (int i = 1; i < parts.size(); i++) {
        Der.Element p = parts.get(i);
        if (p.tag() != 0x81 && p.tag() != 0xa1) { // [1] publicKey, version 2 only
          rest.write(der, p.start(), p.end() - p.start());
        }
      }
      byte[] body = rest.toByteArray();
      try {
        return Der.sequence(new byte[] {2, 1, 0}, body);
      } finally {
        Arrays.fill(body, (byte) 0);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the private key has no valid PKCS#8 encoding");
    }
  }

  /**
   * The named-curve OID element of a SEC 1 ECPrivateKey, from its {@code [0]} parameters.
   *
   * @throws PemException if it has none
   */
  private static byte[] curveOf(byte[] sec1) {
    for (Der.Element child : Der.children(sec1, Der.whole(sec1, Der.SEQUENCE))) {
      if (child.tag() == 0xa0) {
        Der.Element params = Der.read(sec1, child.contentStart());
        if (params.tag() == Der.OID) {
          return params.encoded(sec1);
        }
      }
    }
    throw new PemException("EC private key has no curve parameters");
  }
}

package io.kesjava.server.cli;

import java.io.ByteArrayOutputStream;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A private key whose PKCS#8 encoding is the version 1 form (RFC 5208: version 0, algorithm,
 * private key; no public key, no attributes), whatever form the JDK produces. Since Java 24 the JDK
 * encodes Ed25519 keys as PKCS#8 version 2 (RFC 5958, with the public key), which OpenSSL 3.0
 * (curl, {@code openssl}, Python's {@code ssl}) refuses as "unsupported"; the version 1 form is
 * read everywhere, so the command line writes that form on every runtime.
 *
 * <p>Thread-safety: immutable. The key material is never in {@link #toString()}.
 */
final class Pkcs8V1 implements PrivateKey {

  private static final long serialVersionUID = 1L;

  private final String algorithm;
  private final byte[] encoded;

  private Pkcs8V1(String algorithm, byte[] encoded) {
    this.algorithm = algorithm;
    this.encoded = encoded;
  }

  /**
   * {@code key} with a version 1 PKCS#8 encoding.
   *
   * @throws IllegalArgumentException if {@code key} has no PKCS#8 encoding that can be read
   */
  static PrivateKey of(PrivateKey key) {
    Objects.requireNonNull(key, "key");
    byte[] der = key.getEncoded();
    if (der == null || !"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("the private key has no PKCS#8 encoding");
    }
    try {
      return new Pkcs8V1(key.getAlgorithm(), toV1(der));
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * The version 1 form of a PKCS#8 {@code PrivateKeyInfo} or {@code OneAsymmetricKey}: the first
   * three elements, with version 0.
   */
  static byte[] toV1(byte[] der) {
    int[] outer = header(der, 0, 0x30);
    int end = outer[0] + outer[1];
    if (end != der.length) {
      throw new IllegalArgumentException("malformed PKCS#8 encoding");
    }
    int[] version = header(der, outer[0], 0x02);
    if (version[1] != 1 || der[version[0]] > 1 || der[version[0]] < 0) {
      throw new IllegalArgumentException("unknown PKCS#8 version");
    }
    int algStart = version[0] + version[1];
    int[] alg = header(der, algStart, 0x30);
    int keyStart = alg[0] + alg[1];
    int[] key = header(der, keyStart, 0x04);
    int keyEnd = key[0] + key[1];
    if (keyEnd > end) {
      throw new IllegalArgumentException("malformed PKCS#8 encoding");
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(new byte[] {0x02, 0x01, 0x00}, 0, 3);
    body.write(der, algStart, keyEnd - algStart);
    byte[] content = body.toByteArray();
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 4);
    out.write(0x30);
    writeLength(out, content.length);
    out.write(content, 0, content.length);
    Arrays.fill(content, (byte) 0);
    return out.toByteArray();
  }

  /** {content start, content length} of the element at {@code at}, which must have {@code tag}. */
  private static int[] header(byte[] der, int at, int tag) {
    if (at + 2 > der.length || (der[at] & 0xFF) != tag) {
      throw new IllegalArgumentException("malformed PKCS#8 encoding");
    }
    int first = der[at + 1] & 0xFF;
    int pos = at + 2;
    int length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7F;
      if (n == 0 || n > 3 || pos + n > der.length) {
        throw new IllegalArgumentException("malformed PKCS#8 encoding");
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = length << 8 | (der[pos++] & 0xFF);
      }
    }
    if (pos + length > der.length) {
      throw new IllegalArgumentException("malformed PKCS#8 encoding");
    }
    return new int[] {pos, length};
  }

  private static void writeLength(ByteArrayOutputStream out, int length) {
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length & 0xFF);
    }
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "PKCS#8";
  }

  @Override
  public byte[] getEncoded() {
    return encoded.clone();
  }

  @Override
  public String toString() {
    return "Pkcs8V1[" + algorithm + ", redacted]";
  }
}

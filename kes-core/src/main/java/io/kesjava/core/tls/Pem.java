package io.kesjava.core.tls;

import io.kesjava.keystore.pem.PemCodec;
import io.kesjava.keystore.pem.PemException;
import io.kesjava.keystore.pem.PemReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes PEM private keys and certificates as KES does ({@code
 * docs/configuration.md#tls}). Reading is kes-keystore-spi's {@link PemReader} (JDK only), which
 * documents the supported formats; this class adds the writers.
 *
 * <p>Thread-safety: stateless. Nullness: parameters are non-null except where said.
 *
 * <p>Security: keys are returned as JDK {@link PrivateKey} objects; intermediate bytes are zeroed
 * (best effort on the JVM). Exception messages never contain key material or passwords.
 */
public final class Pem {

  private Pem() {}

  /**
   * Reads the private key of a PEM file ({@link PemReader#readPrivateKey(Path, char[])}).
   *
   * @param password the password of an encrypted key; {@code null} or empty for none. Not kept.
   * @throws PemException if the file holds no usable private key, it is encrypted and the password
   *     is missing ({@code private key is encrypted: password required}) or wrong
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PrivateKey readPrivateKey(Path file, char[] password) {
    return PemReader.readPrivateKey(file, password);
  }

  /**
   * Parses the first private key of PEM text ({@link PemReader#parsePrivateKey(String, char[])}).
   *
   * @throws PemException as {@link #readPrivateKey(Path, char[])}
   */
  public static PrivateKey parsePrivateKey(String pem, char[] password) {
    return PemReader.parsePrivateKey(pem, password);
  }

  /**
   * Reads a file that consists only of {@code CERTIFICATE} blocks, as KES reads {@code tls.cert}
   * ({@link PemReader#readCertificates(Path)}).
   *
   * @throws PemException if the file holds no certificate or any other kind of block
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<X509Certificate> readCertificates(Path file) {
    return PemReader.readCertificates(file);
  }

  /**
   * Parses PEM text that consists only of {@code CERTIFICATE} blocks.
   *
   * @throws PemException as {@link #readCertificates(Path)}
   */
  public static List<X509Certificate> parseCertificates(String pem) {
    return PemReader.parseCertificates(pem);
  }

  /**
   * Reads the CA certificates of {@code tls.ca}: a PEM file, or every regular file directly inside
   * a directory ({@link PemReader#readCaCertificates(Path)}).
   *
   * @throws PemException naming the file that cannot be used
   * @throws UncheckedIOException if a file or the directory cannot be read
   */
  public static List<X509Certificate> readCaCertificates(Path fileOrDirectory) {
    return PemReader.readCaCertificates(fileOrDirectory);
  }

  /**
   * A PKCS#8 {@code PRIVATE KEY} PEM block for {@code privateKey}, always in the version 1 form
   * (RFC 5208: no public key inside), as Go and OpenSSL 3.0 read it. Newer JDKs encode Ed25519 and
   * Ed448 keys in the version 2 form (RFC 5958, with the public key), which OpenSSL 3.0, and so
   * curl, refuses.
   */
  public static String encodePrivateKey(PrivateKey privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    byte[] der = pkcs8(privateKey);
    try {
      return PemCodec.encode("PRIVATE KEY", Map.of(), der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /**
   * A PKCS#8 {@code PRIVATE KEY} block (version 1 form) encrypted with the legacy RFC 1423 scheme
   * and AES-256-CBC, as {@code kes identity new --encrypt} writes it. The scheme derives the key
   * from the password with a single MD5 round: use a strong password.
   *
   * @param password the password; not empty. Not kept.
   */
  public static String encodeEncryptedPrivateKey(PrivateKey privateKey, char[] password) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(password, "password");
    byte[] der = pkcs8(privateKey);
    try {
      return PemCodec.encodeLegacyEncrypted("PRIVATE KEY", der, password);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** A {@code CERTIFICATE} PEM block for {@code certificate}. */
  public static String encodeCertificate(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      return PemCodec.encode("CERTIFICATE", Map.of(), certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded", e);
    }
  }

  private static byte[] pkcs8(PrivateKey privateKey) {
    byte[] der = privateKey.getEncoded();
    if (der == null || !"PKCS#8".equals(privateKey.getFormat())) {
      throw new IllegalArgumentException("the private key has no PKCS#8 encoding");
    }
    try {
      return PemReader.pkcs8Version1(der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }
}

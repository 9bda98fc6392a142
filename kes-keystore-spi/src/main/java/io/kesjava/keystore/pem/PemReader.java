package io.kesjava.keystore.pem;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The one PEM reader of kes-java, with the JDK only: private keys and certificates as KES reads
 * them ({@code docs/configuration.md#tls}), for the server's and the client's TLS and for key
 * stores that talk TLS to their backends. {@code io.kesjava.core.tls.Pem} offers the same reading
 * and the writing.
 *
 * <p>Private keys: the first block whose type ends in {@code PRIVATE KEY} is used; other blocks
 * (certificates, {@code EC PARAMETERS}) are skipped. Supported are PKCS#8 ({@code PRIVATE KEY},
 * version 1 or 2: RSA, RSASSA-PSS, EC, Ed25519, Ed448), PKCS#1 ({@code RSA PRIVATE KEY}), SEC 1
 * ({@code EC PRIVATE KEY} with a named curve), the legacy RFC 1423 encryption ({@code Proc-Type:
 * 4,ENCRYPTED}) of any of these with a password, and, as an extension to KES, PKCS#8 {@code
 * ENCRYPTED PRIVATE KEY} with the JDK's schemes (PBES2 with PBKDF2 and AES, as {@code openssl
 * pkcs8 -topk8} writes by default; not scrypt, which fails with {@code encrypted private key:
 * unsupported encryption scheme}). A password given for a key that is not encrypted is ignored.
 *
 * <p>Thread-safety: stateless. Nullness: parameters are non-null except where said.
 *
 * <p>Security: keys are returned as JDK {@link PrivateKey} objects; intermediate bytes are zeroed
 * (best effort on the JVM). Exception messages never contain key material or passwords.
 */
public final class PemReader {

  private PemReader() {}

  /**
   * Reads the private key of a PEM file.
   *
   * @param password the password of an encrypted key; {@code null} or empty for none. Not kept.
   * @throws PemException if the file holds no usable private key, it is encrypted and the password
   *     is missing ({@code private key is encrypted: password required}) or wrong
   * @throws UncheckedIOException if the file cannot be read
   */
  public static PrivateKey readPrivateKey(Path file, char[] password) {
    Objects.requireNonNull(file, "file");
    return parsePrivateKey(read(file), password);
  }

  /**
   * Parses the first private key of PEM text.
   *
   * @param password the password of an encrypted key; {@code null} or empty for none. Not kept.
   * @throws PemException as {@link #readPrivateKey(Path, char[])}
   */
  public static PrivateKey parsePrivateKey(String pem, char[] password) {
    Objects.requireNonNull(pem, "pem");
    List<PemBlock> blocks = PemCodec.decode(pem);
    try {
      for (PemBlock block : blocks) {
        String type = block.type();
        if (!type.endsWith("PRIVATE KEY")) {
          continue;
        }
        if (type.equals("ENCRYPTED PRIVATE KEY")) {
          return PrivateKeys.decodeEncrypted(block.bytes(), password);
        }
        if (LegacyPemEncryption.isEncrypted(block)) {
          byte[] der = LegacyPemEncryption.decrypt(block, password);
          try {
            return PrivateKeys.decode(type, der);
          } catch (PemException e) {
            // Padding that happens to look right with a wrong password leaves garbage here.
            throw new PemException("private key is encrypted: incorrect password");
          } finally {
            Arrays.fill(der, (byte) 0);
          }
        }
        return PrivateKeys.decode(type, block.bytes());
      }
    } finally {
      blocks.forEach(PemBlock::wipe);
    }
    throw new PemException("no PEM-encoded private key found");
  }

  /**
   * Reads a file that consists only of {@code CERTIFICATE} blocks (surrounding whitespace is
   * ignored), as KES reads {@code tls.cert}.
   *
   * @return the certificates in file order; the first is the leaf of a chain
   * @throws PemException if the file holds no certificate or any other kind of block
   * @throws UncheckedIOException if the file cannot be read
   */
  public static List<X509Certificate> readCertificates(Path file) {
    Objects.requireNonNull(file, "file");
    return parseCertificates(read(file));
  }

  /**
   * Parses PEM text that consists only of {@code CERTIFICATE} blocks.
   *
   * @throws PemException as {@link #readCertificates(Path)}
   */
  public static List<X509Certificate> parseCertificates(String pem) {
    Objects.requireNonNull(pem, "pem");
    List<PemBlock> blocks = PemCodec.decode(pem);
    if (blocks.isEmpty() || PemCodec.hasTrailingText(pem)) {
      throw new PemException("no valid PEM data");
    }
    List<X509Certificate> certificates = new ArrayList<>();
    for (PemBlock block : blocks) {
      if (!block.type().equals("CERTIFICATE")) {
        blocks.forEach(PemBlock::wipe);
        throw new PemException("unsupported PEM data block '" + block.type() + "'");
      }
      certificates.add(certificate(block.bytes()));
    }
    return List.copyOf(certificates);
  }

  /**
   * Reads the CA certificates of {@code tls.ca}: a PEM file, or every regular file directly inside
   * a directory (sub-directories are skipped, files are read in name order). Each file must consist
   * only of {@code CERTIFICATE} blocks ({@code docs/configuration.md#tls}).
   *
   * @throws PemException naming the file that cannot be used
   * @throws UncheckedIOException if a file or the directory cannot be read
   */
  public static List<X509Certificate> readCaCertificates(Path fileOrDirectory) {
    Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
    if (!Files.isDirectory(fileOrDirectory)) {
      return caFile(fileOrDirectory);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(fileOrDirectory)) {
      for (Path entry : entries) {
        if (!Files.isDirectory(entry)) {
          files.add(entry);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CA directory '" + fileOrDirectory + "': " + e, e);
    }
    files.sort(null);
    List<X509Certificate> all = new ArrayList<>();
    for (Path file : files) {
      all.addAll(caFile(file));
    }
    return List.copyOf(all);
  }

  /**
   * The version 1 form (RFC 5208: no public key) of a PKCS#8 encoding, as Go and OpenSSL 3.0 read
   * it; the JDK writes Ed25519 and Ed448 keys in the version 2 form (RFC 5958) from Java 24 on,
   * which OpenSSL 3.0, and so curl, refuses.
   *
   * @throws IllegalArgumentException if {@code pkcs8} is not PKCS#8
   */
  public static byte[] pkcs8Version1(byte[] pkcs8) {
    return PrivateKeys.toVersion1(Objects.requireNonNull(pkcs8, "pkcs8"));
  }

  private static List<X509Certificate> caFile(Path file) {
    try {
      return readCertificates(file);
    } catch (PemException e) {
      throw new PemException("failed to add '" + file + "' as CA certificate: " + e.getMessage(), e);
    }
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException | RuntimeException e) {
      throw new PemException("malformed certificate: " + e.getMessage());
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read '" + file + "': " + e.getMessage(), e);
    }
  }
}

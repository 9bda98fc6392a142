package io.kesjava.keystore.common;

import io.kesjava.keystore.pem.PemBlock;
import io.kesjava.keystore.pem.PemCodec;
import io.kesjava.keystore.pem.PemException;
import io.kesjava.keystore.pem.PemReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * PEM certificates and private keys for the key-store backends (the CAs of {@code tls.ca}, Vault's
 * client certificate), on top of kes-java's one PEM codec and reader ({@link PemCodec}, {@link
 * PemReader}): PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC 1 ({@code EC
 * PRIVATE KEY}) keys, as OpenSSL and the vendors' docs write them. Unlike {@link
 * PemReader#parseCertificates}, text around the blocks and blocks of other types are skipped, and
 * the failures are checked exceptions.
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: stateless.
 */
public final class Pem {

  private Pem() {}

  /**
   * The files a CA setting names: the regular files of a directory, sorted by name, or the path
   * itself when it is not a directory.
   *
   * @throws IOException if the directory cannot be listed
   */
  public static List<Path> files(Path fileOrDirectory) throws IOException {
    if (!Files.isDirectory(fileOrDirectory)) {
      return List.of(fileOrDirectory);
    }
    try (Stream<Path> entries = Files.list(fileOrDirectory)) {
      return entries.filter(Files::isRegularFile).sorted().toList();
    }
  }

  /**
   * All {@code CERTIFICATE} blocks of {@code pem}; empty if there are none, or if the text is not
   * well-formed PEM (a block without its end line, a body that is not Base64).
   *
   * @throws GeneralSecurityException if a block is not a valid X.509 certificate
   */
  public static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    List<PemBlock> blocks;
    try {
      blocks = PemCodec.decode(pem);
    } catch (PemException e) {
      return List.of();
    }
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      List<X509Certificate> out = new ArrayList<>();
      for (PemBlock block : blocks) {
        if (block.type().equals("CERTIFICATE")) {
          out.add(
              (X509Certificate)
                  factory.generateCertificate(new ByteArrayInputStream(block.bytes())));
        }
      }
      return out;
    } finally {
      blocks.forEach(PemBlock::wipe); // a private key may be among them
    }
  }

  /**
   * The first private key of {@code pem}, which must not be encrypted; an {@code EC PRIVATE KEY}
   * without curve parameters is read as {@link PemReader#parsePrivateKeyGuessingCurve} does.
   *
   * @throws GeneralSecurityException if there is none, it is encrypted or cannot be decoded; the
   *     message never contains key bytes
   */
  public static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    try {
      return PemReader.parsePrivateKeyGuessingCurve(pem, null);
    } catch (PemException e) {
      throw new GeneralSecurityException(e.getMessage());
    }
  }
}

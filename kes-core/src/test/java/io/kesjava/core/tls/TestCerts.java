package io.kesjava.core.tls;

import io.kesjava.testkit.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Certificates, CAs and identities for the TLS tests: kes-testkit's {@link TestPki} certificates as
 * kes-core's {@link CertifiedKey}, and an identity computed independently of kes-core.
 */
final class TestCerts {

  private TestCerts() {}

  /** SHA-256 hex of the DER SubjectPublicKeyInfo: the KES identity of a key. */
  static String identity(PublicKey key) {
    try {
      byte[] spki = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getEncoded("DER");
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A CA certificate (cA = TRUE) for {@code pair}. */
  static CertifiedKey ca(KeyPair pair, String name) {
    TestPki.Issued ca = make(() -> TestPki.ca(name, pair));
    return new CertifiedKey(pair.getPrivate(), List.of(ca.certificate()));
  }

  /** A client certificate for {@code pair}, issued by {@code ca}; the chain ends with the CA. */
  static CertifiedKey issueClient(CertifiedKey ca, KeyPair pair, String name) {
    TestPki.Issued issuer =
        new TestPki.Issued(
            new KeyPair(ca.certificate().getPublicKey(), ca.privateKey()), ca.certificate());
    TestPki.Issued client = make(() -> TestPki.issue(name, pair, issuer));
    return new CertifiedKey(pair.getPrivate(), List.of(client.certificate(), ca.certificate()));
  }

  /**
   * A self-signed server certificate with SAN localhost for any key pair (RSA, EC, Ed25519), signed
   * with {@code signatureAlgorithm}, the one that goes with the key.
   */
  static CertifiedKey server(KeyPair pair, String signatureAlgorithm) {
    TestPki.Issued server = make(() -> TestPki.selfSigned("localhost", pair, "localhost"));
    if (!server.certificate().getSigAlgName().equalsIgnoreCase(signatureAlgorithm)) {
      throw new IllegalStateException(
          "signed with " + server.certificate().getSigAlgName() + ", not " + signatureAlgorithm);
    }
    return new CertifiedKey(pair.getPrivate(), List.of(server.certificate()));
  }

  static Path write(Path dir, String name, String text) {
    try {
      return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (var in = TestCerts.class.getResourceAsStream("/tls/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private interface Maker {
    TestPki.Issued make() throws GeneralSecurityException;
  }

  private static TestPki.Issued make(Maker maker) {
    try {
      return maker.make();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.kesjava.core.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates, CAs and identities for the TLS tests. */
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
    try {
      X500Name subject = new X500Name("CN=" + name);
      X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
      return new CertifiedKey(pair.getPrivate(), List.of(sign(b, pair)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client certificate for {@code pair}, issued by {@code ca}. */
  static CertifiedKey issueClient(CertifiedKey ca, KeyPair pair, String name) {
    try {
      X509v3CertificateBuilder b =
          builder(
              X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded()),
              new X500Name("CN=" + name),
              pair.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      X509Certificate cert = sign(b, new KeyPair(ca.certificate().getPublicKey(), ca.privateKey()));
      return new CertifiedKey(pair.getPrivate(), List.of(cert, ca.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A self-signed server certificate with SAN localhost for any key pair (RSA, EC, Ed25519). */
  static CertifiedKey server(KeyPair pair, String signatureAlgorithm) {
    try {
      X500Name subject = new X500Name("CN=localhost");
      X509v3CertificateBuilder b = builder(subject, subject, pair.getPublic());
      b.addExtension(
          Extension.subjectAlternativeName,
          false,
          new org.bouncycastle.asn1.x509.GeneralNames(
              new org.bouncycastle.asn1.x509.GeneralName(org.bouncycastle.asn1.x509.GeneralName.dNSName, "localhost")));
      X509Certificate cert =
          new JcaX509CertificateConverter()
              .getCertificate(b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
      return new CertifiedKey(pair.getPrivate(), List.of(cert));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
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

  private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    Instant now = Instant.now();
    return new X509v3CertificateBuilder(
        issuer,
        BigInteger.valueOf(now.toEpochMilli()),
        Date.from(now.minus(Duration.ofMinutes(1))),
        Date.from(now.plus(Duration.ofDays(1))),
        subject,
        SubjectPublicKeyInfo.getInstance(key.getEncoded()));
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) {
    try {
      String alg = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519";
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(signer.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

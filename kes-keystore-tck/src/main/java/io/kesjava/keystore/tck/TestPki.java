package io.kesjava.keystore.tck;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and a server certificate it signed for {@code localhost} and {@code 127.0.0.1},
 * so that a backend's fake can serve HTTPS and its tests can check the {@code tls.ca} setting
 * ({@code docs/keystores/README.md}). Every instance makes new keys (EC P-256, valid from an hour
 * ago for a day), so two instances are two unrelated CAs.
 *
 * <p>Thread-safety: immutable after construction; safe for concurrent use. Nothing is null.
 *
 * <p>Security: for tests only. The private keys live in memory and the certificates are weak on
 * purpose (short-lived, no revocation); never trust them outside a test.
 */
public final class TestPki {

  private final X509Certificate caCertificate;
  private final SSLSocketFactory serverSocketFactory;

  /**
   * Makes a new CA and a server certificate for localhost.
   *
   * @throws GeneralSecurityException if the JDK or BouncyCastle cannot make the keys or sign
   * @throws IOException if the certificates cannot be encoded
   */
  public TestPki() throws GeneralSecurityException, IOException {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair caKeys = generator.generateKeyPair();
      X500Name caName = new X500Name("CN=kes-java test CA");
      caCertificate = sign(caName, caName, caKeys, caKeys, true);
      KeyPair serverKeys = generator.generateKeyPair();
      X509Certificate server =
          sign(new X500Name("CN=localhost"), caName, serverKeys, caKeys, false);

      KeyStore keyStore = KeyStore.getInstance("PKCS12");
      keyStore.load(null, null);
      char[] password = "test".toCharArray();
      keyStore.setKeyEntry(
          "server",
          serverKeys.getPrivate(),
          password,
          new X509Certificate[] {server, caCertificate});
      KeyManagerFactory keyManagers =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(keyStore, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      serverSocketFactory = context.getSocketFactory();
    } catch (org.bouncycastle.operator.OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  /** The self-signed CA certificate, which signed the server certificate. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /**
   * A socket factory that serves the server certificate and its chain, for a fake's HTTPS
   * listener (for example MockWebServer's {@code useHttps}).
   */
  public SSLSocketFactory serverSocketFactory() {
    return serverSocketFactory;
  }

  /**
   * Writes the CA certificate as PEM to {@code file}, replacing it if it exists.
   *
   * @return {@code file}
   * @throws IOException if the file cannot be written
   */
  public Path writeCa(Path file) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter pem = new JcaPEMWriter(out)) {
      pem.writeObject(caCertificate);
    }
    return Files.writeString(file, out.toString());
  }

  private static X509Certificate sign(
      X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys, boolean ca)
      throws GeneralSecurityException,
          IOException,
          org.bouncycastle.operator.OperatorCreationException {
    Instant now = Instant.now();
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (!ca) {
      builder.addExtension(
          Extension.subjectAlternativeName,
          false,
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1")
              }));
    }
    return new JcaX509CertificateConverter()
        .getCertificate(
            builder.build(
                new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
  }
}

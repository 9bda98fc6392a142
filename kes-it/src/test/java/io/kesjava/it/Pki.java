package io.kesjava.it;

import io.kesjava.core.tls.Pem;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away CA and one server certificate it signed, for {@code localhost} and {@code
 * 127.0.0.1}: the KES server and every vendor fake serve it, and the KES config's {@code tls.ca}
 * settings (or a JVM trust store, where the config has none) name the CA.
 *
 * <p>Thread-safety: immutable after construction.
 */
final class Pki {

  /** The password of the PKCS #12 trust stores written here; they hold no secret. */
  static final String TRUST_STORE_PASSWORD = "kes-it";

  final X509Certificate ca;
  final X509Certificate server;
  final PrivateKey serverKey;

  private Pki(X509Certificate ca, X509Certificate server, PrivateKey serverKey) {
    this.ca = ca;
    this.server = server;
    this.serverKey = serverKey;
  }

  static Pki create() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      KeyPair caKeys = generator.generateKeyPair();
      X500Name caName = new X500Name("CN=kes-it test CA");
      X509Certificate ca = sign(caName, caName, caKeys, caKeys, true);
      KeyPair serverKeys = generator.generateKeyPair();
      X509Certificate server =
          sign(new X500Name("CN=localhost"), caName, serverKeys, caKeys, false);
      return new Pki(ca, server, serverKeys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make the test certificates", e);
    }
  }

  /** Writes the CA certificate as PEM. */
  Path writeCa(Path file) throws IOException {
    return Files.writeString(file, Pem.encodeCertificate(ca));
  }

  /** Writes the server's chain (its certificate, then the CA) as PEM. */
  Path writeServerChain(Path file) throws IOException {
    return Files.writeString(file, Pem.encodeCertificate(server) + Pem.encodeCertificate(ca));
  }

  /** Writes the server's private key as PEM (PKCS #8). */
  Path writeServerKey(Path file) throws IOException {
    return Files.writeString(file, Pem.encodePrivateKey(serverKey));
  }

  /** A TLS context that serves the server certificate, for the fakes. */
  SSLContext serverContext() {
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] password = TRUST_STORE_PASSWORD.toCharArray();
      keys.setKeyEntry("server", serverKey, password, new X509Certificate[] {server, ca});
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(keys, password);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(factory.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A TLS context for clients that trusts exactly {@code trusted}. */
  static SSLContext clientContext(List<X509Certificate> trusted) {
    try {
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trustStore(trusted));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Writes a PKCS #12 trust store of {@code trusted}, for a JVM's {@code javax.net.ssl.trustStore}
   * where a backend's config has no setting for a CA.
   */
  static Path writeTrustStore(Path file, List<X509Certificate> trusted)
      throws IOException, GeneralSecurityException {
    try (OutputStream out = Files.newOutputStream(file)) {
      trustStore(trusted).store(out, TRUST_STORE_PASSWORD.toCharArray());
    }
    return file;
  }

  /**
   * The JVM options that make {@code file} (see {@link #writeTrustStore}) the JVM's trust store.
   */
  static List<String> trustStoreOptions(Path file) {
    return List.of(
        "-Djavax.net.ssl.trustStore=" + file,
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + TRUST_STORE_PASSWORD);
  }

  private static KeyStore trustStore(List<X509Certificate> trusted)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (int i = 0; i < trusted.size(); i++) {
      store.setCertificateEntry("trusted-" + i, trusted.get(i));
    }
    return store;
  }

  private static X509Certificate sign(
      X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys, boolean ca)
      throws GeneralSecurityException, IOException, OperatorCreationException {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, new SecureRandom()),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            subjectKeys.getPublic());
    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
    if (ca) {
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    } else {
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
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

package io.kesjava.it;

import io.kesjava.core.tls.Pem;
import io.kesjava.testkit.TestPki;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

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
  private final TestPki pki;

  private Pki(TestPki pki) {
    this.pki = pki;
    this.ca = pki.caCertificate();
    this.server = pki.server().certificate();
    this.serverKey = pki.server().keys().getPrivate();
  }

  static Pki create() {
    try {
      return new Pki(new TestPki());
    } catch (GeneralSecurityException | IOException e) {
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

  /** A TLS context that serves the server certificate and its chain, for the fakes. */
  SSLContext serverContext() {
    return pki.serverContext();
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
}

package io.kesjava.server;

import io.kesjava.core.Identity;
import io.kesjava.testkit.TestPki;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;

/**
 * A test client or server credential: a key pair and its certificate, made by kes-testkit's
 * {@link TestPki}, with the KES identity of its key. The factories throw unchecked, so that
 * credentials can be constants.
 */
record Cred(TestPki.Issued issued) {

  /** A self-signed end-entity certificate for {@code CN=<commonName>}. */
  static Cred create(String commonName) {
    return make(() -> TestPki.selfSigned(commonName));
  }

  /** A self-signed CA for {@code CN=<commonName>}. */
  static Cred ca(String commonName) {
    return make(() -> TestPki.ca(commonName));
  }

  /** A certificate for {@code CN=<commonName>} issued by {@code ca}. */
  static Cred issue(String commonName, Cred ca) {
    return make(() -> TestPki.issue(commonName, ca.issued()));
  }

  /**
   * A server context that presents {@code server} and accepts any client chain ({@code tls.auth:
   * off}).
   */
  static SSLContext serverContext(Cred server) {
    return trustAllContext(server.issued());
  }

  /** A client context that presents {@code client} (none when null) and trusts any server. */
  static SSLContext clientContext(Cred client) {
    return trustAllContext(client == null ? null : client.issued());
  }

  KeyPair keys() {
    return issued.keys();
  }

  X509Certificate cert() {
    return issued.certificate();
  }

  Identity identity() {
    return Identity.of(cert());
  }

  String id() {
    return identity().value();
  }

  /** The certificate as PEM. */
  String pem() {
    return issued.certificatePem();
  }

  /** The certificate as a TLS proxy forwards it: URL-query-escaped PEM. */
  String forwarded() {
    return URLEncoder.encode(pem(), StandardCharsets.UTF_8);
  }

  private static SSLContext trustAllContext(TestPki.Issued own) {
    try {
      return TestPki.trustAllContext(own);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface Maker {
    TestPki.Issued make() throws GeneralSecurityException;
  }

  private static Cred make(Maker maker) {
    try {
      return new Cred(maker.make());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

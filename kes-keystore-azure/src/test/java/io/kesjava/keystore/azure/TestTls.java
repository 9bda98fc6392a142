package io.kesjava.keystore.azure;

import io.kesjava.testkit.TestPki;
import javax.net.ssl.SSLContext;

/** A self-signed certificate for the fake vault's host name, made once per test JVM. */
final class TestTls {

  static final String HOST = "kes-test.vault.azure.net";

  private static final TestTls INSTANCE = create();

  final SSLContext server;
  final SSLContext client;

  private TestTls(SSLContext server, SSLContext client) {
    this.server = server;
    this.client = client;
  }

  static TestTls get() {
    return INSTANCE;
  }

  private static TestTls create() {
    try {
      TestPki.Issued certificate = TestPki.selfSigned(HOST, HOST);
      return new TestTls(
          TestPki.serverContext(certificate, null),
          TestPki.trustingContext(certificate.certificate()));
    } catch (Exception e) {
      throw new IllegalStateException("cannot make the test certificate", e);
    }
  }
}

package io.kesjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TestPkiTest {

  @Test
  void theServerCertificate_isIssuedByTheCa_forLocalhost() throws Exception {
    TestPki pki = new TestPki();
    X509Certificate server = pki.server().certificate();

    server.verify(pki.caCertificate().getPublicKey());
    assertThat(pki.caCertificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactlyInAnyOrder((Object) "localhost", "127.0.0.1");
    assertThatThrownBy(() -> server.verify(new TestPki().caCertificate().getPublicKey()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void aClientThatTrustsTheWrittenCa_connects_andOneThatDoesNot_fails(@TempDir Path dir)
      throws Exception {
    TestPki pki = new TestPki();
    Path ca = pki.writeCa(dir.resolve("ca.pem"));

    assertThat(handshake(pki.serverContext(), trusting(read(ca)), false)).isEqualTo("ok");
    assertThat(outcome(pki.serverContext(), trusting(new TestPki().caCertificate()), false))
        .startsWith(SSLHandshakeException.class.getName());
  }

  @Test
  void mutualTls_withAClientCertificateOfTheTrustedCa() throws Exception {
    TestPki.Issued ca = TestPki.ca("test-ca");
    TestPki.Issued server = TestPki.issue("server", TestPki.rsaKeys(), ca);
    TestPki.Issued client = TestPki.issue("client", ca);
    SSLContext serverContext = TestPki.serverContext(server, ca);

    SSLContext clientContext = SSLContext.getInstance("TLS");
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry(
        "c", client.keys().getPrivate(), new char[0], new X509Certificate[] {client.certificate()});
    javax.net.ssl.KeyManagerFactory kmf =
        javax.net.ssl.KeyManagerFactory.getInstance(
            javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, new char[0]);
    clientContext.init(
        kmf.getKeyManagers(),
        trustFactory(ca.certificate()).getTrustManagers(),
        null);

    assertThat(handshake(serverContext, clientContext, true)).isEqualTo("ok");
    // Without a client certificate the server drops the connection.
    assertThat(outcome(serverContext, trusting(ca.certificate()), true)).isNotEqualTo("ok");
    assertThat(
            handshake(
                TestPki.trustAllContext(TestPki.selfSigned("any")),
                TestPki.trustAllContext(null),
                false))
        .isEqualTo("ok");
  }

  @Test
  void aSelfSignedServerCertificate_forAHostName() throws Exception {
    TestPki.Issued server = TestPki.selfSigned("vault.test", "vault.test");

    server.certificate().verify(server.keys().getPublic());
    assertThat(server.certificate().getSubjectAlternativeNames())
        .extracting(name -> (Object) name.get(1))
        .containsExactly((Object) "vault.test");
    assertThat(TestPki.selfSigned("client").certificate().getSubjectAlternativeNames()).isNull();
  }

  @Test
  void eachKeyType_signsWithItsOwnAlgorithm_andCanBeACa() throws Exception {
    KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
    KeyPair[] pairs = {TestPki.ecKeys(), TestPki.rsaKeys(), ed25519.generateKeyPair()};
    for (KeyPair keys : pairs) {
      TestPki.Issued server = TestPki.selfSigned("localhost", keys, "localhost");
      server.certificate().verify(keys.getPublic());
      assertThat(server.keys()).isSameAs(keys);
      assertThat(server.certificate().getBasicConstraints()).isEqualTo(-1);

      TestPki.Issued ca = TestPki.ca("ca", keys);
      assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
      TestPki.Issued leaf = TestPki.issue("leaf", ca);
      leaf.certificate().verify(keys.getPublic());
    }
    assertThat(TestPki.selfSigned("x", ed25519.generateKeyPair()).certificate().getSigAlgName())
        .isEqualToIgnoringCase("Ed25519");
  }

  @Test
  void pemText_readsBackWithTheJdk() throws Exception {
    TestPki.Issued issued = TestPki.selfSigned("kes-client");

    X509Certificate certificate = read(issued.certificatePem());
    assertThat(certificate).isEqualTo(issued.certificate());
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=kes-client");
    assertThat(issued.privateKeyPem()).startsWith("-----BEGIN EC PRIVATE KEY-----");

    String pkcs8 = issued.pkcs8Pem();
    String body =
        pkcs8.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
    assertThat(
            KeyFactory.getInstance("EC")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body))))
        .isEqualTo(issued.keys().getPrivate());
    assertThat(TestPki.pem(issued.certificate(), issued.certificate()))
        .isEqualTo(issued.certificatePem() + issued.certificatePem());
  }

  private static X509Certificate read(Path file) throws Exception {
    return read(Files.readString(file));
  }

  private static X509Certificate read(String pem) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static SSLContext trusting(X509Certificate ca) throws Exception {
    return TestPki.trustingContext(ca);
  }

  private static TrustManagerFactory trustFactory(X509Certificate ca) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", ca);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return factory;
  }

  /** One TLS connection on loopback: the server answers "ok" to the client's first line. */
  private static String handshake(SSLContext server, SSLContext client, boolean needClientAuth)
      throws Exception {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, loopback)) {
      listener.setNeedClientAuth(needClientAuth);
      CompletableFuture<Void> served =
          CompletableFuture.runAsync(
              () -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                  socket.getInputStream().read();
                  socket.getOutputStream().write("ok".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception e) {
                  // the client sees the failure
                }
              });
      try (SSLSocket socket =
          (SSLSocket) client.getSocketFactory().createSocket(loopback, listener.getLocalPort())) {
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write('\n');
        out.flush();
        InputStream in = socket.getInputStream();
        String answer = new String(in.readNBytes(2), StandardCharsets.US_ASCII);
        served.get(10, TimeUnit.SECONDS);
        return answer;
      }
    }
  }

  /** {@code ok}, or what kept the connection from answering. */
  private static String outcome(SSLContext server, SSLContext client, boolean needClientAuth)
      throws Exception {
    try {
      return handshake(server, client, needClientAuth);
    } catch (java.io.IOException e) {
      return e.toString();
    }
  }
}

package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TlsTest {

  private static final CertifiedKey SERVER = SelfSigned.server().build();
  private static final CertifiedKey CA = TestCerts.ca(KeyType.ECDSA_P256.generate(), "test CA");
  private static final CertifiedKey CA_CLIENT = TestCerts.issueClient(CA, KeyType.ED25519.generate(), "client");
  private static final CertifiedKey SELF_SIGNED_CLIENT =
      SelfSigned.builder().keyType(KeyType.ED25519).commonName("self").clientAuth().build();

  private static SSLContext server(ClientAuth mode) {
    return Tls.serverContext().credential(SERVER).clientAuth(mode).clientCas(List.of(CA.certificate())).build();
  }

  private static SSLContext client(CertifiedKey credential) {
    Tls.ClientBuilder b = Tls.clientContext().trustedCertificates(SERVER.chain()).systemRoots(false);
    if (credential != null) {
      b.credential(credential);
    }
    return b.build();
  }

  @Test
  void contexts_allowOnlyTls13And12_everywhere() throws Exception {
    SSLContext server = server(ClientAuth.REQUIRE_ANY);
    assertThat(server.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(server.getSupportedSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    SSLEngine engine = server.createSSLEngine();
    engine.setUseClientMode(false);
    assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    try (SSLServerSocket s = (SSLServerSocket) server.getServerSocketFactory().createServerSocket()) {
      assertThat(s.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
      assertThat(s.getNeedClientAuth()).isTrue();
    }
    assertThat(client(null).getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
  }

  @ParameterizedTest
  @EnumSource(ClientAuth.class)
  void serverContext_defaultParametersCarryTheClientAuthMode(ClientAuth mode) {
    SSLContext server = server(mode);
    assertThat(server.getDefaultSSLParameters().getNeedClientAuth()).isEqualTo(mode.requiresCertificate());
    assertThat(server.getDefaultSSLParameters().getWantClientAuth()).isEqualTo(!mode.requiresCertificate());
  }

  @Test
  void serverContext_cannotBeInitializedAgain() {
    assertThatThrownBy(() -> server(ClientAuth.REQUIRE_ANY).init(null, null, null))
        .isInstanceOf(java.security.KeyManagementException.class);
  }

  @ParameterizedTest(name = "{0} client={1} -> {2}")
  @CsvSource({
    "REQUIRE_ANY, none, false",
    "REQUIRE_ANY, self-signed, true",
    "REQUIRE_ANY, ca-issued, true",
    "REQUIRE_AND_VERIFY, none, false",
    "REQUIRE_AND_VERIFY, self-signed, false",
    "REQUIRE_AND_VERIFY, ca-issued, true",
    "REQUEST, none, true",
    "REQUEST, self-signed, true",
    "VERIFY_IF_GIVEN, none, true",
    "VERIFY_IF_GIVEN, self-signed, false",
    "VERIFY_IF_GIVEN, ca-issued, true",
  })
  void handshake_followsTheClientAuthMode(ClientAuth mode, String clientCert, boolean succeeds) throws Exception {
    CertifiedKey credential =
        switch (clientCert) {
          case "self-signed" -> SELF_SIGNED_CLIENT;
          case "ca-issued" -> CA_CLIENT;
          default -> null;
        };
    for (String protocol : Tls.PROTOCOLS) {
      Handshake.Result r = Handshake.run(server(mode), client(credential), protocol);
      assertThat(r.ok()).as(protocol + ": " + r.failure()).isEqualTo(succeeds);
      if (succeeds) {
        assertThat(r.protocol()).isEqualTo(protocol);
        if (credential == null) {
          assertThat(r.clientChain()).isEmpty();
        } else {
          assertThat(r.clientChain().get(0)).isEqualTo(credential.certificate());
        }
      }
    }
  }

  @Test
  void verifyingModes_acceptALeafThatIsItselfTrusted_asGoDoes() throws Exception {
    for (ClientAuth mode : List.of(ClientAuth.REQUIRE_AND_VERIFY, ClientAuth.VERIFY_IF_GIVEN)) {
      SSLContext server =
          Tls.serverContext().credential(SERVER).clientAuth(mode).clientCas(SELF_SIGNED_CLIENT.chain()).systemRoots(false).build();
      for (String protocol : Tls.PROTOCOLS) {
        Handshake.Result r = Handshake.run(server, client(SELF_SIGNED_CLIENT), protocol);
        assertThat(r.ok()).as(mode + " " + protocol + ": " + r.failure()).isTrue();
      }
    }
  }

  @Test
  void verifyingModes_rejectADirectlyTrustedLeafThatExpiredOrIsOnlyForServers() throws Exception {
    CertifiedKey expired =
        SelfSigned.builder()
            .keyType(KeyType.ED25519)
            .notBefore(java.time.Instant.now().minus(java.time.Duration.ofDays(10)))
            .validity(java.time.Duration.ofDays(1))
            .build();
    CertifiedKey serverOnly = SelfSigned.builder().keyType(KeyType.ED25519).serverAuth().build();
    for (CertifiedKey client : List.of(expired, serverOnly)) {
      SSLContext server =
          Tls.serverContext()
              .credential(SERVER)
              .clientAuth(ClientAuth.REQUIRE_AND_VERIFY)
              .clientCas(client.chain())
              .systemRoots(false)
              .build();
      assertThat(Handshake.run(server, client(client)).ok()).as(client.toString()).isFalse();
    }
  }

  @Test
  void clientContext_trustsASelfSignedServerCertificateDirectly() throws Exception {
    CertifiedKey noCa = SelfSigned.server().build(); // cA = FALSE
    SSLContext server = Tls.serverContext().credential(noCa).build();
    SSLContext client = Tls.clientContext().credential(SELF_SIGNED_CLIENT).trustedCertificates(noCa.chain()).systemRoots(false).build();
    assertThat(Handshake.run(server, client).ok()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Ed25519, Ed25519", "EC, SHA256withECDSA", "RSA, SHA256withRSA"})
  void handshake_worksForEachServerKeyType(String algorithm, String signature) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
    if (algorithm.equals("RSA")) {
      g.initialize(2048);
    }
    KeyPair pair = g.generateKeyPair();
    CertifiedKey credential = TestCerts.server(pair, signature);
    SSLContext server = Tls.serverContext().credential(credential).build();
    SSLContext client =
        Tls.clientContext().trustedCertificates(credential.chain()).systemRoots(false).credential(SELF_SIGNED_CLIENT).build();
    for (String protocol : Tls.PROTOCOLS) {
      Handshake.Result r = Handshake.run(server, client, protocol);
      assertThat(r.ok()).as(protocol + ": " + r.failure()).isTrue();
      assertThat(r.protocol()).isEqualTo(protocol);
    }
  }

  @Test
  void handshake_olderProtocolsAreRefused() throws Exception {
    Handshake.Result r;
    try {
      r = Handshake.run(server(ClientAuth.REQUEST), client(null), "TLSv1.1");
    } catch (IllegalArgumentException unsupportedByThisJdk) {
      return;
    }
    assertThat(r.ok()).isFalse();
  }

  @Test
  void clientContext_untrustedServer_failsUnlessInsecure() throws Exception {
    SSLContext untrusting = Tls.clientContext().credential(SELF_SIGNED_CLIENT).build();
    assertThat(Handshake.run(server(ClientAuth.REQUIRE_ANY), untrusting).ok()).isFalse();
    SSLContext insecure = Tls.clientContext().credential(SELF_SIGNED_CLIENT).insecureTrustAnyServer().build();
    assertThat(Handshake.run(server(ClientAuth.REQUIRE_ANY), insecure).ok()).isTrue();
  }

  @Test
  void serverContext_certificateWithoutSan_isRejected() {
    CertifiedKey noSan = SelfSigned.builder().commonName("localhost").build();
    assertThatThrownBy(() -> Tls.serverContext().credential(noSan).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invalid TLS certificate: certificate does not contain any DNS or IP address as SAN");
  }

  @Test
  void serverContext_withoutCredential_isRejected() {
    assertThatThrownBy(() -> Tls.serverContext().build()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void clientContext_withNothingToTrust_isRejected() {
    assertThatThrownBy(() -> Tls.clientContext().systemRoots(false).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}

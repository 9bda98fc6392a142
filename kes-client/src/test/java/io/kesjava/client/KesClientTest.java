package io.kesjava.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.contract.ContractPolicies;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.crypto.SecretBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against a real server: credentials, trust, and the calls beyond {@code Kes}. */
class KesClientTest {

  private static final CertifiedKey ADMIN = TestServer.clientCert();
  private static final ApiKey USER = ApiKey.generate();
  private static TestServer server;
  private static KesClient admin;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    server = TestServer.start(ContractPolicies.table(TestServer.identity(ADMIN), USER.identity()));
    admin = server.client().clientKeyStore(keyStore(ADMIN), "pw".toCharArray(), null).build();
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  @Test
  void apiKeyClient_isKnownByTheApiKeysIdentity() {
    try (KesClient c = server.client().apiKey(USER.revealText()).build()) {
      assertThat(c.identity()).isEqualTo(USER.identity());
      assertThat(c.describeSelf().info().identity()).isEqualTo(USER.identity());
      assertThat(c.describeSelf().info().policy()).isEqualTo(ContractPolicies.USER_POLICY);
      String name = "user-api-key";
      c.createKey(name);
      byte[] ct = c.encrypt(name, "hi".getBytes(UTF_8), new byte[0]);
      try (SecretBytes pt = c.decrypt(name, ct, new byte[0])) {
        assertThat(pt.bytes()).isEqualTo("hi".getBytes(UTF_8));
      }
    }
  }

  @Test
  void ed25519ClientCertificateFromPemFiles_works() {
    // The API key's Ed25519 key with a certificate of its own: the same identity.
    CertifiedKey ed = SelfSigned.builder().keyPair(new java.security.KeyPair(
        USER.certificate().getPublicKey(), USER.privateKey())).clientAuth().build();
    Path[] pem = TestServer.writePem(ed, dir, "ed");
    try (KesClient c = server.client().clientCertificate(pem[0], pem[1]).build()) {
      assertThat(c.identity()).isEqualTo(USER.identity());
      assertThat(c.describeSelf().info().identity()).isEqualTo(USER.identity());
    }
  }

  @Test
  void encryptedPemKey_andCaFile_work() throws Exception {
    Path cert = dir.resolve("c.crt");
    Path key = dir.resolve("c.key");
    Files.writeString(cert, Pem.encodeCertificate(ADMIN.certificate()));
    Files.writeString(key, Pem.encodeEncryptedPrivateKey(ADMIN.privateKey(), "s3cret".toCharArray()));
    try (KesClient c = KesClient.builder().endpoint(server.endpoint())
        .clientCertificate(cert, key, "s3cret".toCharArray())
        .trustedCertificates(TestServer.writeCa(dir)).systemTrustStore(false).build()) {
      assertThat(c.describeSelf().info().admin()).isTrue();
    }
    assertThatThrownBy(() -> KesClient.builder().endpoint(server.endpoint())
        .clientCertificate(cert, key, "wrong".toCharArray()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incorrect password")
        .hasMessageNotContaining("wrong");
  }

  @Test
  void versionReadyApisAndMetrics_describeTheServer() {
    assertThat(admin.version()).isEqualTo(new ServerVersion("test-version", "<unknown>"));
    assertThat(admin.isReady()).isTrue();
    List<ApiRoute> apis = admin.apis();
    assertThat(apis).extracting(ApiRoute::path).contains("/version", "/v1/key/create/",
        "/v1/log/audit");
    assertThat(apis).filteredOn(r -> r.path().equals("/v1/key/import/")).singleElement()
        .satisfies(r -> {
          assertThat(r.method()).isEqualTo("PUT");
          assertThat(r.maxBody()).isEqualTo(1_000_000);
          assertThat(r.timeout()).isEqualTo(Duration.ofSeconds(15));
        });
    admin.listKeys("");
    ServerMetrics m = admin.metrics();
    assertThat(m.requestOk()).isPositive();
    assertThat(m.cpus()).isPositive();
    assertThat(m.threads()).isPositive();
    assertThat(m.latencyHistogram()).containsKey(Duration.ofSeconds(10));
  }

  @Test
  void isReady_throwsForAnIdentityThatMayNotAsk() {
    try (KesClient c = server.client().apiKey(ApiKey.generate()).build()) {
      assertThatThrownBy(c::isReady).isExactlyInstanceOf(NotAllowedException.class);
      assertThat(c.version().version()).isEqualTo("test-version"); // /version needs no policy
    }
  }

  @Test
  void untrustedServer_failsFast_withATransportException() {
    CertifiedKey other = SelfSigned.server().build();
    try (KesClient c = KesClient.builder().endpoint(server.endpoint()).apiKey(USER)
        .trustedCertificates(other.chain()).systemTrustStore(false)
        .retries(2, Duration.ofSeconds(5), Duration.ofSeconds(5)).build()) {
      long start = System.nanoTime();
      assertThatThrownBy(c::status).isExactlyInstanceOf(KesTransportException.class)
          .hasMessageContaining(server.endpoint());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void insecureMode_acceptsAnyServerCertificate_andHostName() {
    String byName = "https://localhost:" + server.server.address().getPort();
    try (KesClient c = KesClient.builder().endpoint(byName).apiKey(USER).insecureSkipVerify()
        .build()) {
      assertThat(c.status().keystoreUnreachable()).isFalse();
    }
  }

  @Test
  void dotSegments_areRejectedLikeTheServerRejectsNames() {
    assertThatThrownBy(() -> admin.createKey(".."))
        .isExactlyInstanceOf(InvalidArgumentException.class)
        .hasMessage("key name '..' is empty, too long or contains invalid characters");
    assertThatThrownBy(() -> admin.listKeys("a//b"))
        .hasMessage("listing pattern 'a//b' is empty, too long or is invalid");
  }

  @Test
  void build_checksEverything() {
    assertThatThrownBy(() -> KesClient.builder().apiKey(USER).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no endpoint");
    assertThatThrownBy(() -> KesClient.builder().endpoint("h:1").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no credential");
    assertThatThrownBy(() -> KesClient.builder().endpoint("h:1").apiKey(USER)
        .clientKeyStore(keyStore(ADMIN), "pw".toCharArray(), null).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("more than one");
    assertThatThrownBy(() -> KesClient.builder().endpoint("h:1").apiKey(USER).insecureSkipVerify()
        .trustedCertificates(ADMIN.chain()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("insecure");
    assertThatThrownBy(() -> KesClient.builder().endpoint("http://h:1").apiKey(USER).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not HTTPS");
    assertThatThrownBy(() -> KesClient.builder().apiKey("kes:v1:nope"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("nope");
    assertThatThrownBy(() -> KesClient.builder().timeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void toBuilder_derivesAClientWithTheSameCredential() {
    try (KesClient c = admin.toBuilder().timeout(Duration.ofSeconds(5)).build()) {
      assertThat(c.identity()).isEqualTo(admin.identity());
      assertThat(c.describeSelf().info().admin()).isTrue();
    }
  }

  @Test
  void toString_showsNoSecrets() {
    try (KesClient c = server.client().apiKey(USER.revealText()).build()) {
      String key = USER.revealText();
      assertThat(c.toString()).contains(server.endpoint()).contains(USER.identity().value())
          .doesNotContain(key).doesNotContain(key.substring(7));
      assertThat(server.client().apiKey(USER).toString()).doesNotContain(key.substring(7));
    }
  }

  private static KeyStore keyStore(CertifiedKey key) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setKeyEntry("client", key.privateKey(), "pw".toCharArray(),
          key.chain().toArray(new X509Certificate[0]));
      return ks;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}

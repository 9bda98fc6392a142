package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.testkit.MutableClock;
import io.kesjava.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS to Vault with a custom CA ({@code docs/keystores/vault.md}), and PEM key formats. */
class VaultTlsTest {

  private static TestPki.Issued ca;
  private static TestPki.Issued server;
  private static TestPki.Issued client;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private FakeVault vault;
  private Path caFile;
  private Path certFile;
  private Path keyFile;

  @BeforeAll
  static void pki() throws Exception {
    ca = TestPki.ca("test-ca");
    server = TestPki.issue("vault", TestPki.ecKeys(), ca);
    client = TestPki.issue("kes", TestPki.ecKeys(), ca);
  }

  @BeforeEach
  void start() throws Exception {
    vault = FakeVault.startTls(clock, TestPki.serverContext(server, ca), true);
    vault.kv("", "kv", 1);
    vault.appRole(
        "",
        "approle",
        VaultFixture.ROLE_ID,
        VaultFixture.SECRET_ID,
        Duration.ofHours(1),
        Duration.ofHours(2),
        true);
    caFile = Files.writeString(dir.resolve("ca.pem"), TestPki.pem(ca.certificate()));
    certFile = Files.writeString(dir.resolve("client.crt"), TestPki.pem(client.certificate()));
    keyFile = Files.writeString(dir.resolve("client.key"), TestPki.pem(client.keys().getPrivate()));
  }

  @AfterEach
  void stop() {
    vault.close();
  }

  private VaultKeyStore.Builder builder() {
    return VaultKeyStore.builder()
        .endpoint(vault.endpoint())
        .login(AppRoleLogin.of(VaultFixture.ROLE_ID, VaultFixture.SECRET_ID))
        .clock(clock)
        .scheduler(new ManualScheduler(clock))
        .timeout(Duration.ofSeconds(10));
  }

  private static void roundTrip(VaultKeyStore store) {
    try (store) {
      store.create("k", "v".getBytes(StandardCharsets.UTF_8));
      assertThat(store.get("k")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void mutualTls_withACaFile_works() {
    roundTrip(builder().clientCertificate(certFile, keyFile).caCertificates(caFile).build());
  }

  @Test
  void mutualTls_withACaDirectory_works() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    Files.writeString(cas.resolve("other.pem"), TestPki.pem(TestPki.ca("other-ca").certificate()));
    Files.copy(caFile, cas.resolve("test.pem"));

    roundTrip(builder().clientCertificate(certFile, keyFile).caCertificates(cas).build());
  }

  @Test
  void aPkcs8ClientKey_works() throws Exception {
    Path pkcs8 = Files.writeString(dir.resolve("client-pkcs8.key"), TestPki.pkcs8(client.keys()));

    roundTrip(builder().clientCertificate(certFile, pkcs8).caCertificates(caFile).build());
  }

  @Test
  void withoutAClientCertificate_vaultRefusesTheConnection() {
    assertThatThrownBy(() -> builder().caCertificates(caFile).build())
        .isInstanceOf(KeyStoreException.class);
  }

  @Test
  void withoutTheCa_theServerIsNotTrusted() {
    assertThatThrownBy(() -> builder().clientCertificate(certFile, keyFile).build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith("vault: TLS handshake with 127.0.0.1:");
  }

  @Test
  void aMissingCaPath_failsAtBuild_namingIt() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> builder().caCertificates(missing).build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("vault: failed to open '" + missing + "'");
  }

  @Test
  void aCaFileWithoutCertificates_failsAtBuild() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate\n");

    assertThatThrownBy(() -> builder().caCertificates(junk).build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("does not contain a valid X.509 PEM-encoded certificate");
  }

  @Test
  void aKeyFileWithoutAKey_failsAtBuild_withoutQuotingTheFile() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.key"), "secret-looking junk\n");

    assertThatThrownBy(
            () -> builder().clientCertificate(certFile, junk).caCertificates(caFile).build())
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("failed to read the TLS private key")
        .message()
        .doesNotContain("secret-looking junk");
  }
}

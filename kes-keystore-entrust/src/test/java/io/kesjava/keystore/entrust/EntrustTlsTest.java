package io.kesjava.keystore.entrust;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tls.ca} setting: a custom CA, trusted beside the system roots
 * (docs/keystores/entrust.md).
 */
class EntrustTlsTest {

  @TempDir Path dir;
  private TestPki pki;
  private MockWebServer server;

  @BeforeEach
  void startHttpsServer() throws Exception {
    pki = new TestPki();
    server = new MockWebServer();
    server.useHttps(pki.serverSocketFactory());
    server.setDispatcher(new FakeKeyControl(Clock.systemUTC()));
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private EntrustKeyStore.Builder builder() {
    return EntrustKeyStore.builder()
        .endpoint(server.url("/").toString())
        .vaultId(FakeKeyControl.VAULT_ID)
        .boxId(FakeKeyControl.BOX_ID)
        .username(FakeKeyControl.USERNAME)
        .password(FakeKeyControl.PASSWORD)
        .retryBackoff(Duration.ZERO, Duration.ZERO);
  }

  @Test
  void withTheCaFile_theStoreTrustsTheServer() throws Exception {
    Path ca = pki.writeCa(dir.resolve("ca.pem"));

    try (EntrustKeyStore store = builder().caCertificates(ca).build()) {
      store.create("my-key", "value-1".getBytes(UTF_8));
      assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
    }
  }

  @Test
  void withADirectoryOfCaFiles_theStoreTrustsTheServer() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    pki.writeCa(cas.resolve("ca.pem"));
    new TestPki().writeCa(cas.resolve("another-ca.crt"));

    try (EntrustKeyStore store = builder().caCertificates(cas).build()) {
      assertThat(store.list("", "", 0).names()).isEmpty();
    }
  }

  @Test
  void withoutTheCa_theHandshakeFails() {
    assertThatThrownBy(() -> builder().build()).isInstanceOf(KeyStoreUnreachableException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aFileWithoutACertificate_isRejected_withItsName() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");

    assertThatThrownBy(() -> builder().caCertificates(notPem))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + notPem + "' does not contain a valid X.509 PEM-encoded certificate");
  }
}

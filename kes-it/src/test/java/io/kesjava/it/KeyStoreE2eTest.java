package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.client.KesClient;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.crypto.KeyVersion;
import io.kesjava.crypto.SecretBytes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One backend end to end: {@code kes server} started from a config file whose {@code keystore}
 * section points at a fake of the vendor's API, driven over HTTPS by {@link KesClient} with the
 * admin's client certificate, then started again on the same fake.
 *
 * <p>A subclass starts its fake before each test, writes the {@code keystore} section a user would
 * write for it, and reads a key's stored value back through the vendor's API, so that the test can
 * check it is exactly what KES stores ({@code docs/keystores/README.md#what-is-stored}, unwrapped
 * as the store's page in {@code docs/keystores} says).
 */
abstract class KeyStoreE2eTest {

  static final String KEY = "e2e-key";
  static final String GONE = "e2e-gone";

  /** One CA for the whole run: the KES server and the fakes serve certificates it signed. */
  static final Pki PKI = Pki.create();

  @TempDir Path dir;
  OutboundSentinel sentinel;
  Path caFile;
  private Path serverCert;
  private Path serverKey;
  private Path adminCert;
  private Path adminKey;
  private Identity admin;

  /**
   * The lines under {@code keystore:}, indented by two spaces, exactly as a user writes them for
   * this backend ({@code docs/configuration.md#keystore}).
   */
  abstract String keyStoreSection() throws Exception;

  /** How the server's banner names the store, such as {@code Hashicorp Vault: https://...}. */
  abstract String description();

  /**
   * The value the backend holds for {@code name}, read through the vendor's API and unwrapped as
   * {@code docs/keystores/README.md#what-is-stored} says; empty if the vendor says there is no such
   * key.
   */
  abstract Optional<byte[]> storedValue(String name) throws Exception;

  /** Checks that the backend no longer holds {@code name} after KES deleted it. */
  void assertDeletedFromBackend(String name) throws Exception {
    assertThat(storedValue(name)).as("the backend's value of %s after the delete", name).isEmpty();
  }

  /** Checks what the fake saw of the server beyond keys, such as its credentials; after the run. */
  void assertBackendSawTheServer() throws Exception {}

  /** The server's environment, beyond the sentinel's proxy variables. */
  Map<String, String> serverEnvironment() throws Exception {
    return Map.of();
  }

  /** Options for the server's JVM, beyond the hosts file and the sentinel's. */
  List<String> serverJvmOptions() throws Exception {
    return List.of();
  }

  @BeforeEach
  final void setUpServerFiles() throws IOException {
    sentinel = new OutboundSentinel();
    caFile = PKI.writeCa(dir.resolve("ca.pem"));
    serverCert = PKI.writeServerChain(dir.resolve("server.cert"));
    serverKey = PKI.writeServerKey(dir.resolve("server.key"));
    CertifiedKey client = SelfSigned.builder().commonName("kes-it admin").clientAuth().build();
    adminCert =
        Files.writeString(dir.resolve("admin.cert"), Pem.encodeCertificate(client.certificate()));
    adminKey =
        Files.writeString(dir.resolve("admin.key"), Pem.encodePrivateKey(client.privateKey()));
    admin = Identity.of(client.certificate());
  }

  @AfterEach
  final void closeSentinel() throws IOException {
    sentinel.close();
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void aServerStartedFromItsConfig_servesKeysThroughTheBackend_andReadsThemBackAfterARestart()
      throws Exception {
    Path config = writeConfig();
    byte[] context = "bucket/object".getBytes(UTF_8);
    byte[] message = "a message for e2e-key".getBytes(UTF_8);
    byte[] dek;
    byte[] dekCiphertext;
    byte[] sealed;
    KeyInfo created;

    try (KesServerProcess server = startServer(config);
        KesClient kes = client(server)) {
      assertThat(server.output()).containsPattern("(?m)^KMS\\s+" + Pattern.quote(description()));

      kes.createKey(KEY);
      kes.createKey(GONE);
      assertThatThrownBy(() -> kes.createKey(KEY)).isInstanceOf(KeyExistsException.class);

      try (DataKey generated = kes.generateKey(KEY, context)) {
        dek = generated.plaintext().bytes();
        dekCiphertext = generated.ciphertext();
      }
      assertThat(dek).hasSize(32);
      assertThat(decrypt(kes, dekCiphertext, context)).isEqualTo(dek);
      assertThatThrownBy(() -> kes.decrypt(KEY, dekCiphertext, "another".getBytes(UTF_8)))
          .isInstanceOf(NotAuthenticException.class);

      sealed = kes.encrypt(KEY, message, context);
      assertThat(decrypt(kes, sealed, context)).isEqualTo(message);

      assertThat(kes.listKeys("e2e-*").names()).containsExactlyInAnyOrder(KEY, GONE);
      created = kes.describeKey(KEY);
      assertThat(created.name()).isEqualTo(KEY);
      assertThat(created.createdBy()).isEqualTo(admin.value());

      byte[] stored =
          storedValue(KEY).orElseThrow(() -> new AssertionError("the backend holds no " + KEY));
      assertIsKesKeyVersion(stored, created, dekCiphertext, context, dek);

      kes.deleteKey(GONE);
      assertThatThrownBy(() -> kes.describeKey(GONE)).isInstanceOf(KeyNotFoundException.class);
      assertDeletedFromBackend(GONE);
    }

    // A new server on the same fake and config: its cache is empty, so every key it serves comes
    // from the backend.
    try (KesServerProcess server = startServer(config);
        KesClient kes = client(server)) {
      assertThat(kes.describeKey(KEY)).isEqualTo(created);
      assertThat(decrypt(kes, dekCiphertext, context)).isEqualTo(dek);
      assertThat(decrypt(kes, sealed, context)).isEqualTo(message);
      assertThat(kes.listKeys("e2e-*").names()).containsExactly(KEY);
      assertThatThrownBy(() -> kes.describeKey(GONE)).isInstanceOf(KeyNotFoundException.class);

      kes.deleteKey(KEY);
      assertThatThrownBy(() -> kes.describeKey(KEY)).isInstanceOf(KeyNotFoundException.class);
      assertDeletedFromBackend(KEY);
    }

    assertBackendSawTheServer();
    assertThat(sentinel.attempts())
        .as("requests of the server that were bound for somewhere other than loopback")
        .isEmpty();
  }

  /**
   * The stored value is KES's current format ({@code docs/keystores/README.md#what-is-stored}):
   * base64 text of a protobuf {@code KeyVersion}, canonical (re-encoding it gives the same bytes),
   * with an HMAC key, created by the admin, and holding the very key that sealed the data key.
   */
  private void assertIsKesKeyVersion(
      byte[] stored, KeyInfo created, byte[] dekCiphertext, byte[] context, byte[] dek) {
    assertThat(new String(stored, StandardCharsets.ISO_8859_1))
        .as("the stored value is standard base64")
        .matches("[A-Za-z0-9+/]+={0,2}");
    try (KeyVersion version = KeyVersion.parse(stored)) {
      assertThat(version.isLegacy()).isFalse();
      assertThat(version.encode()).isEqualTo(stored);
      assertThat(version.hmacKey()).isPresent();
      assertThat(version.createdBy()).isEqualTo(admin.value());
      assertThat(version.createdAt()).isEqualTo(created.createdAt());
      assertThat(version.key().algorithm()).isEqualTo(created.algorithm());
      assertThat(version.key().decrypt(dekCiphertext, context)).isEqualTo(dek);
    }
  }

  private static byte[] decrypt(KesClient kes, byte[] ciphertext, byte[] context) {
    try (SecretBytes plaintext = kes.decrypt(KEY, ciphertext, context)) {
      return plaintext.bytes();
    }
  }

  private Path writeConfig() throws Exception {
    String yaml =
        String.join(
            "\n",
            "version: v1",
            "address: 127.0.0.1:0",
            "admin:",
            "  identity: " + admin.value(),
            "tls:",
            "  key: " + serverKey,
            "  cert: " + serverCert,
            "log:",
            "  error: on",
            "  audit: off",
            "keystore:",
            keyStoreSection().stripTrailing(),
            "");
    return Files.writeString(dir.resolve("config.yml"), yaml);
  }

  private KesServerProcess startServer(Path config) throws Exception {
    return KesServerProcess.start(config, serverEnvironment(), serverJvmOptions(), sentinel);
  }

  private KesClient client(KesServerProcess server) {
    return KesClient.builder()
        .endpoint(server.endpoint().toString())
        .clientCertificate(adminCert, adminKey)
        .trustedCertificates(caFile)
        .systemTrustStore(false)
        .build();
  }
}

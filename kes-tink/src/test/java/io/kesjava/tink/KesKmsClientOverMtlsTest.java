package io.kesjava.tink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.kesjava.client.KesClient;
import io.kesjava.core.NotAllowedException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tink's envelope encryption against a real KES server, over mutual TLS with certificate files. */
class KesKmsClientOverMtlsTest {

  private static final byte[] PLAINTEXT = "a row of the customer table".getBytes(UTF_8);
  private static final byte[] AD = "customers/42".getBytes(UTF_8);

  @TempDir static Path dir;
  private static MtlsServer server;
  private static KesClient app;

  @BeforeAll
  static void start() throws GeneralSecurityException {
    AeadConfig.register();
    server = new MtlsServer(dir);
    try (KesClient admin = server.adminClient()) {
      admin.createKey("app-kek");
      admin.createKey("payroll-kek");
    }
    app = server.appClient();
  }

  @AfterAll
  static void stop() {
    app.close();
    server.close();
  }

  @Test
  void envelopeEncryption_roundTripsThroughTheServer() throws Exception {
    KesKmsClient client = KesKmsClient.create(server.endpoint().substring(8), app);
    Aead kek = client.getAead(client.keyUri("app-kek"));
    Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek);

    byte[] ciphertext = envelope.encrypt(PLAINTEXT, AD);
    assertThat(envelope.decrypt(ciphertext, AD)).isEqualTo(PLAINTEXT);

    // The server's key did the work: its engine opens a data-key ciphertext that went over the wire.
    byte[] wrapped = kek.encrypt(new byte[32], new byte[0]);
    assertThat(server.engine.decrypt("app-kek", wrapped, new byte[0]).bytes())
        .isEqualTo(new byte[32]);
  }

  @Test
  void aWrongAssociatedData_failsAsTinkExpects() throws Exception {
    Aead kek = KesKmsClient.create(app).getAead("kes://app-kek");
    byte[] ciphertext = kek.encrypt(PLAINTEXT, AD);
    assertThatThrownBy(() -> kek.decrypt(ciphertext, "customers/43".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("not authentic");
  }

  @Test
  void aKeyThePolicyDoesNotAllow_failsClearly() throws Exception {
    Aead kek = KesKmsClient.create(app).getAead("kes://payroll-kek");
    assertThatThrownBy(() -> kek.encrypt(PLAINTEXT, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("kes: encryption failed: not authorized to use key 'payroll-kek'")
        .hasCauseInstanceOf(NotAllowedException.class);
    Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek);
    assertThatThrownBy(() -> envelope.encrypt(PLAINTEXT, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("not authorized to use key 'payroll-kek'");
  }

  @Test
  void anUnreachableServer_failsWithGeneralSecurityException() throws Exception {
    KesClient down =
        KesClient.builder()
            .endpoint("https://127.0.0.1:1")
            .apiKey(io.kesjava.core.ApiKey.generate())
            .insecureSkipVerify()
            .retries(0, java.time.Duration.ZERO, java.time.Duration.ZERO)
            .connectTimeout(java.time.Duration.ofSeconds(2))
            .build();
    try (down) {
      Aead kek = KesKmsClient.create(down).getAead("kes://app-kek");
      assertThatThrownBy(() -> kek.encrypt(PLAINTEXT, AD))
          .isInstanceOf(GeneralSecurityException.class)
          .hasMessageStartingWith("kes: encryption failed: key 'app-kek': ");
    }
  }
}

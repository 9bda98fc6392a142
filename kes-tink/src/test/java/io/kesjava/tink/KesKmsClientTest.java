package io.kesjava.tink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.LegacyKmsEnvelopeAeadParameters;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.keystore.MemoryKeyStore;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tink's envelope and keyset encryption on the keys of an in-process {@link KesEngine}. */
class KesKmsClientTest {

  private static final byte[] PLAINTEXT = "the secret of the application".getBytes(UTF_8);
  private static final byte[] AD = "bucket/object".getBytes(UTF_8);
  /** The key types registered by {@link AeadConfig#register()}. */
  private static Configuration TINK;

  private final KesEngine engine =
      KesEngine.builder().keyStore(new MemoryKeyStore()).keys(List.of("kek", "other")).build();
  private final KesKmsClient client = KesKmsClient.create(engine);

  @BeforeAll
  static void registerTink() throws GeneralSecurityException {
    AeadConfig.register();
    TINK = RegistryConfiguration.get();
  }

  @AfterEach
  void close() {
    engine.close();
  }

  @Test
  void envelopeEncryption_roundTripsOnAKesKey() throws Exception {
    Aead envelope =
        KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, client.getAead("kes://kek"));
    byte[] ciphertext = envelope.encrypt(PLAINTEXT, AD);
    assertThat(envelope.decrypt(ciphertext, AD)).isEqualTo(PLAINTEXT);

    // The data key is encrypted under "kek" alone: the same envelope over "other" cannot open it.
    Aead wrongKek =
        KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, client.getAead("kes://other"));
    assertThatThrownBy(() -> wrongKek.decrypt(ciphertext, AD))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theAead_bindsTheAssociatedDataAsKesContext() throws Exception {
    Aead kek = client.getAead("kes://kek");
    byte[] ciphertext = kek.encrypt(PLAINTEXT, AD);
    // What Tink wrote is an ordinary KES ciphertext with AD as its context.
    assertThat(engine.decrypt("kek", ciphertext, AD).bytes()).isEqualTo(PLAINTEXT);
    assertThat(kek.decrypt(ciphertext, AD)).isEqualTo(PLAINTEXT);
    // Tink reads a null associated data as empty.
    assertThat(kek.decrypt(kek.encrypt(PLAINTEXT, null), new byte[0])).isEqualTo(PLAINTEXT);
  }

  @Test
  void aWrongAssociatedData_failsWithGeneralSecurityException() throws Exception {
    Aead kek = client.getAead("kes://kek");
    byte[] ciphertext = kek.encrypt(PLAINTEXT, AD);
    assertThatThrownBy(() -> kek.decrypt(ciphertext, "bucket/other".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("kes: decryption failed: ciphertext or associated data is not authentic")
        .hasCauseInstanceOf(NotAuthenticException.class);

    Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek);
    byte[] sealed = envelope.encrypt(PLAINTEXT, AD);
    assertThatThrownBy(() -> envelope.decrypt(sealed, "bucket/other".getBytes(UTF_8)))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void aModifiedCiphertext_failsWithGeneralSecurityException() throws Exception {
    Aead kek = client.getAead("kes://kek");
    byte[] ciphertext = kek.encrypt(PLAINTEXT, AD);
    ciphertext[ciphertext.length / 2] ^= 1;
    assertThatThrownBy(() -> kek.decrypt(ciphertext, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(new String(PLAINTEXT, UTF_8)));
  }

  @Test
  void aMissingKey_failsClearly() throws Exception {
    Aead missing = client.getAead("kes://missing");
    assertThatThrownBy(() -> missing.encrypt(PLAINTEXT, AD))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("kes: encryption failed: key 'missing' does not exist")
        .hasCauseInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void anEncryptedKeyset_isWrittenAndReadBackWithAKesKey() throws Exception {
    Aead kek = client.getAead("kes://kek");
    KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES128_GCM, TINK);
    Aead primitive = keyset.getPrimitive(TINK, Aead.class);
    byte[] data = primitive.encrypt(PLAINTEXT, AD);

    byte[] stored = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, AD, TINK);
    KeysetHandle read = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, kek, AD, TINK);
    assertThat(read.getPrimitive(TINK, Aead.class).decrypt(data, AD))
        .isEqualTo(PLAINTEXT);

    assertThatThrownBy(
            () -> TinkProtoKeysetFormat.parseEncryptedKeyset(stored, client.getAead("kes://other"),
                AD, TINK))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void theClient_registersThroughKmsClients_andServesTinksEnvelopeKeyType() throws Exception {
    // A label of its own, so that no other test's registration can answer for it.
    String server = "engine-" + UUID.randomUUID();
    KesKmsClient registered = KesKmsClient.register(server, engine);
    String kekUri = "kes://" + server + "/kek";
    assertThat(KmsClients.get(kekUri)).isSameAs(registered);

    KeysetHandle handle =
        KeysetHandle.generateNew(
            LegacyKmsEnvelopeAeadParameters.builder()
                .setKekUri(kekUri)
                .setDekParsingStrategy(
                    LegacyKmsEnvelopeAeadParameters.DekParsingStrategy.ASSUME_AES_GCM)
                .setDekParametersForNewKeys(
                    AesGcmParameters.builder()
                        .setKeySizeBytes(32)
                        .setIvSizeBytes(12)
                        .setTagSizeBytes(16)
                        .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                        .build())
                .build(),
            TINK);
    Aead aead = handle.getPrimitive(TINK, Aead.class);
    byte[] ciphertext = aead.encrypt(PLAINTEXT, AD);
    assertThat(aead.decrypt(ciphertext, AD)).isEqualTo(PLAINTEXT);
    assertThatThrownBy(() -> aead.decrypt(ciphertext, new byte[0]))
        .isInstanceOf(GeneralSecurityException.class);
  }

  @Test
  void keyUris_areServedByTheClientOfTheirForm() throws Exception {
    KesKmsClient named = KesKmsClient.create("kes-1.example.net:7373", engine);
    assertThat(client.doesSupport("kes://kek")).isTrue();
    assertThat(client.doesSupport("kes://kes-1.example.net:7373/kek")).isFalse();
    assertThat(named.doesSupport("kes://kes-1.example.net:7373/kek")).isTrue();
    assertThat(named.doesSupport("kes://kes-2.example.net:7373/kek")).isFalse();
    assertThat(named.doesSupport("kes://kek")).isFalse();
    assertThat(client.doesSupport("aws-kms://arn:aws:kms:eu-west-1:1:key/k")).isFalse();
    assertThat(client.doesSupport("kes://a/b/c")).isFalse();
    assertThat(client.doesSupport("kes://not a name")).isFalse();
    assertThat(client.doesSupport(null)).isFalse();
    assertThat(named.keyUri("kek")).isEqualTo("kes://kes-1.example.net:7373/kek");

    assertThat(named.getAead("kes://kes-1.example.net:7373/kek").decrypt(
        client.getAead("kes://kek").encrypt(PLAINTEXT, AD), AD)).isEqualTo(PLAINTEXT);
    assertThatThrownBy(() -> named.getAead("kes://kek"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("serves kes://kes-1.example.net:7373/<key-name>");
    assertThatThrownBy(() -> client.getAead("gcp-kms://projects/p"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("not a KES key URI");
    assertThatThrownBy(() -> KesKmsClient.create("", engine))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentials_comeWithTheKes() throws Exception {
    KmsClient same = client.withDefaultCredentials();
    assertThat(same).isSameAs(client);
    assertThat(client.withCredentials(null)).isSameAs(client);
    assertThatThrownBy(() -> client.withCredentials("/etc/credentials.json"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("credentials of the Kes");
  }
}

package io.kesjava.tink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.KmsEnvelopeAead;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.keystore.MemoryKeyStore;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@code docs/tink.md}, run as it is written there. */
class TinkDocsExampleTest {

  @Test
  void theExampleOfTheDocsRuns() throws Exception {
    byte[] document = "quarterly report".getBytes(UTF_8);
    byte[] decrypted;
    byte[] readBack;
    try (KesEngine kes =
        KesEngine.builder().keyStore(new MemoryKeyStore()).keys(List.of("documents")).build()) {
      Result r = example(kes, document);
      decrypted = r.decrypted;
      readBack = r.readBack;
      // The data key in the envelope is sealed by KES: without the right context, no way in.
      assertThatThrownBy(() -> r.envelope.decrypt(r.ciphertext, "other".getBytes(UTF_8)))
          .isInstanceOf(GeneralSecurityException.class);
    }
    assertThat(decrypted).isEqualTo(document);
    assertThat(readBack).isEqualTo(document);
    assertThat(Files.page()).contains(DocsText.between(
        Path.of("src/test/java/io/kesjava/tink/TinkDocsExampleTest.java")));
  }

  private record Result(Aead envelope, byte[] ciphertext, byte[] decrypted, byte[] readBack) {}

  private static Result example(Kes kes, byte[] document) throws GeneralSecurityException {
    // docs:begin
    AeadConfig.register();
    KesKmsClient.register(kes);                 // your KesEngine or KesClient, for kes://<key-name>

    // Envelope encryption: a fresh data key per message, sealed by the KES key "documents".
    Aead kek = KmsClients.get("kes://documents").getAead("kes://documents");
    Aead envelope = KmsEnvelopeAead.create(PredefinedAeadParameters.AES256_GCM, kek);
    byte[] associatedData = "tenant-a/report.pdf".getBytes(UTF_8);
    byte[] ciphertext = envelope.encrypt(document, associatedData);
    byte[] decrypted = envelope.decrypt(ciphertext, associatedData);

    // Keyset encryption: a Tink keyset stored encrypted under the KES key.
    Configuration config = RegistryConfiguration.get();
    KeysetHandle keyset = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM, config);
    byte[] stored = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, kek, new byte[0], config);
    KeysetHandle read = TinkProtoKeysetFormat.parseEncryptedKeyset(stored, kek, new byte[0], config);
    // docs:end
    Aead first = keyset.getPrimitive(config, Aead.class);
    byte[] readBack =
        read.getPrimitive(config, Aead.class).decrypt(first.encrypt(document, null), null);
    return new Result(envelope, ciphertext, decrypted, readBack);
  }

  private static final class Files {
    static String page() throws java.io.IOException {
      return java.nio.file.Files.readString(Path.of("../docs/tink.md"));
    }
  }
}

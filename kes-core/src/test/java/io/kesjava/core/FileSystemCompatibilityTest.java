package io.kesjava.core;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.keystore.FileSystemKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key files as the Go KES writes them (both encodings), read by the engine through the fs store,
 * decrypt the ciphertexts KES produced; and what the engine writes is such a file.
 */
class FileSystemCompatibilityTest {

  private static final byte[] NO_CONTEXT = new byte[0];
  private static final byte[] SIXTEEN_ZEROS = new byte[16];

  @TempDir Path dir;

  private static String vector(String id, String field) {
    return Vectors.ofKind(id.substring(0, id.indexOf('#'))).stream()
        .filter(v -> v.get("id").asText().equals(id))
        .findFirst()
        .orElseThrow()
        .get(field)
        .asText();
  }

  private static byte[] ciphertext(String id) {
    return Base64.getDecoder().decode(vector(id, "ciphertext_b64"));
  }

  @Test
  void aLegacyJsonKeyFile_decryptsLegacyCiphertexts() throws Exception {
    // the zero key as v0.19 and earlier stored it (parse-key-version#0)
    Files.writeString(dir.resolve("legacy"), vector("parse-key-version#0", "stored_text"), US_ASCII);
    try (KesEngine kes = KesEngine.builder().keyStore(FileSystemKeyStore.open(dir)).build()) {
      assertThat(kes.decrypt("legacy", ciphertext("decrypt#0"), NO_CONTEXT).bytes())
          .isEqualTo(SIXTEEN_ZEROS);
      assertThat(kes.decrypt("legacy", ciphertext("decrypt#3"), NO_CONTEXT).bytes())
          .isEqualTo(SIXTEEN_ZEROS);
      assertThat(kes.describeKey("legacy").algorithm()).isEqualTo(KeyAlgorithm.AES256);
    }
  }

  @Test
  void aProtobufKeyFile_decryptsCurrentCiphertexts() throws Exception {
    // the zero key as the current server stores it (encode-key-version#0)
    String stored = Vectors.ofKind("encode-key-version").get(0).get("expected").get("stored_text").asText();
    Files.writeString(dir.resolve("current"), stored, US_ASCII);
    byte[] ct =
        Base64.getDecoder()
            .decode(
                Vectors.ofKind("encrypt-deterministic").get(0).get("expected").get("ciphertext_b64")
                    .asText());
    try (KesEngine kes = KesEngine.builder().keyStore(FileSystemKeyStore.open(dir)).build()) {
      assertThat(kes.decrypt("current", ct, NO_CONTEXT).bytes()).isEqualTo(SIXTEEN_ZEROS);
      KeyInfo info = kes.describeKey("current");
      assertThat(info.createdBy())
          .isEqualTo("3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22");
      assertThat(kes.hmac("current", new byte[0])).hasSize(32);
    }
  }

  @Test
  void aKeyWrittenByTheEngine_isABase64ProtobufFile_thatAnotherEngineReads() throws Exception {
    byte[] ct;
    try (KesEngine kes = KesEngine.builder().keyStore(FileSystemKeyStore.open(dir)).build()) {
      kes.createKey("new-key");
      ct = kes.encrypt("new-key", SIXTEEN_ZEROS, "ctx".getBytes(US_ASCII));
    }
    String file = Files.readString(dir.resolve("new-key"), US_ASCII);
    assertThat(file).matches("[A-Za-z0-9+/]+=*");
    assertThat(Base64.getDecoder().decode(file)[0]).isEqualTo((byte) 0x0a); // KeyVersion field 1
    try (KesEngine other = KesEngine.builder().keyStore(FileSystemKeyStore.open(dir)).build()) {
      assertThat(other.decrypt("new-key", ct, "ctx".getBytes(US_ASCII)).bytes())
          .isEqualTo(SIXTEEN_ZEROS);
    }
  }
}

package io.kesjava.crypto;

import static io.kesjava.crypto.Vectors.b64;
import static io.kesjava.crypto.Vectors.masterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every ciphertext vector of {@code kes-vectors.json}; each test is named by its vector id. */
class MasterKeyVectorsTest {

  @TestFactory
  Stream<DynamicTest> decrypt() {
    return Vectors.ofKind("decrypt").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkDecrypt(v)));
  }

  private static void checkDecrypt(JsonNode v) {
    KeyAlgorithm algorithm = KeyAlgorithm.parse(v.get("key_type").asText());
    byte[] ciphertext = b64(v, "ciphertext_b64");
    if (!Vectors.isNull(v, "ciphertext_text")) {
      assertThat(new String(ciphertext, StandardCharsets.UTF_8))
          .isEqualTo(v.get("ciphertext_text").asText());
    }
    byte[] aad = b64(v, "associated_data_b64");
    JsonNode expected = v.get("expected");
    try (MasterKey key = masterKey(algorithm, b64(v, "key_b64"))) {
      if (expected.get("ok").asBoolean()) {
        assertThat(key.decrypt(ciphertext, aad)).isEqualTo(b64(expected, "plaintext_b64"));
      } else {
        assertThatThrownBy(() -> key.decrypt(ciphertext, aad))
            .isInstanceOf(NotAuthenticException.class)
            .hasMessage(expected.get("error").get("message").asText());
      }
    }
  }

  /**
   * v0.22 semantics. The key is built the way such a key reaches us: parsed from legacy JSON, with
   * an {@code algorithm} member unless v0.22 called it undefined. The current server's outcome
   * ({@code expected_current_server}) is asserted, except where our deviation for keys without an
   * algorithm makes a v0.22-only success succeed (#1 and #2: ChaCha20 ciphertexts under a key with
   * no algorithm): there the v0.22 outcome is asserted, and that a key typed by the current
   * server's rule fails.
   */
  @TestFactory
  Stream<DynamicTest> decryptV022() {
    return Vectors.ofKind("decrypt-v0.22").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkDecryptV022(v)));
  }

  private static void checkDecryptV022(JsonNode v) {
    String keyAlgorithm = v.get("key_algorithm_v022").asText();
    boolean undefined = keyAlgorithm.equals("undefined");
    String stored =
        "{\"bytes\":\""
            + v.get("key_b64").asText()
            + "\""
            + (undefined ? "" : ",\"algorithm\":\"" + keyAlgorithm + "\"")
            + "}";
    byte[] ciphertext = b64(v, "ciphertext_b64");
    byte[] aad = b64(v, "associated_data_b64");
    JsonNode v022 = v.get("expected");
    JsonNode current = v.get("expected_current_server");
    boolean deviation =
        undefined && v022.get("ok").asBoolean() && !current.get("ok").asBoolean();
    boolean ok = deviation || current.get("ok").asBoolean();

    try (KeyVersion version = KeyVersion.parse(stored.getBytes(StandardCharsets.UTF_8))) {
      MasterKey key = version.key();
      assertThat(key.algorithm().apiName()).isEqualTo(current.get("key_type_used").asText());
      if (ok) {
        assertThat(key.decrypt(ciphertext, aad)).isEqualTo(b64(v022, "plaintext_b64"));
      } else {
        assertThatThrownBy(() -> key.decrypt(ciphertext, aad))
            .isInstanceOf(NotAuthenticException.class);
      }
      if (deviation) {
        try (SecretBytes secret = key.secret();
            MasterKey typed = MasterKey.of(key.algorithm(), secret)) {
          assertThatThrownBy(() -> typed.decrypt(ciphertext, aad))
              .isInstanceOf(NotAuthenticException.class);
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> encryptRoundtrip() {
    return Vectors.ofKind("encrypt-roundtrip").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkRoundtrip(v)));
  }

  private static void checkRoundtrip(JsonNode v) {
    List<KeyAlgorithm> algorithms = new ArrayList<>();
    JsonNode types = v.get("key_type");
    if (types.isArray()) {
      types.forEach(t -> algorithms.add(KeyAlgorithm.parse(t.asText())));
    } else {
      algorithms.add(KeyAlgorithm.parse(types.asText()));
    }
    byte[] plaintext = b64(v, "plaintext_b64");
    byte[] aad = b64(v, "associated_data_b64");
    JsonNode expected = v.get("expected");
    for (KeyAlgorithm algorithm : algorithms) {
      try (MasterKey key =
          Vectors.isNull(v, "key_b64")
              ? MasterKey.generate(algorithm)
              : masterKey(algorithm, b64(v, "key_b64"))) {
        byte[] c = key.encrypt(plaintext, aad);
        assertThat(c).hasSize(expected.get("ciphertext_length").asInt());
        assertThat(expected.get("decrypt_returns_plaintext").asBoolean()).isTrue();
        assertThat(key.decrypt(c, aad)).isEqualTo(plaintext);
        if (expected.path("two_encryptions_differ").asBoolean(false)) {
          assertThat(key.encrypt(plaintext, aad)).isNotEqualTo(c);
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicTest> encryptDeterministic() {
    return Vectors.ofKind("encrypt-deterministic").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkDeterministic(v)));
  }

  private static void checkDeterministic(JsonNode v) {
    KeyAlgorithm algorithm = KeyAlgorithm.parse(v.get("key_type").asText());
    byte[] keyBytes = b64(v, "key_b64");
    byte[] random = b64(v, "random28_b64");
    byte[] plaintext = b64(v, "plaintext_b64");
    byte[] aad = b64(v, "associated_data_b64");
    JsonNode expected = v.get("expected");
    byte[] iv = Arrays.copyOfRange(random, 0, 16);
    assertThat(iv).isEqualTo(b64(expected, "iv_b64"));
    assertThat(Arrays.copyOfRange(random, 16, 28)).isEqualTo(b64(expected, "nonce_b64"));
    try (MasterKey key = masterKey(algorithm, keyBytes)) {
      assertThat(HexFormat.of().formatHex(key.derive(algorithm, random, 0)))
          .isEqualTo(expected.get("derived_key_hex").asText());
      assertThat(HexFormat.of().formatHex(JcaReference.derive(algorithm, keyBytes, iv)))
          .isEqualTo(expected.get("derived_key_hex").asText());
      byte[] c = key.encrypt(plaintext, aad, random);
      assertThat(c).isEqualTo(b64(expected, "ciphertext_b64"));
      assertThat(key.decrypt(c, aad)).isEqualTo(plaintext);
    }
  }
}

package io.kesjava.crypto;

import static io.kesjava.crypto.Vectors.b64;
import static io.kesjava.crypto.Vectors.masterKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every key-version vector of {@code kes-vectors.json}; each test is named by its id. */
class KeyVersionVectorsTest {

  @TestFactory
  Stream<DynamicTest> parseKeyVersion() {
    return Vectors.ofKind("parse-key-version").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkParse(v)));
  }

  private static void checkParse(JsonNode v) {
    byte[] stored = b64(v, "stored_b64");
    assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo(v.get("stored_text").asText());
    JsonNode expected = v.get("expected");
    if (!expected.get("ok").asBoolean()) {
      assertThatThrownBy(() -> KeyVersion.parse(stored))
          .isInstanceOf(InvalidKeyVersionException.class);
      return;
    }
    try (KeyVersion version = KeyVersion.parse(stored);
        SecretBytes key = version.key().secret()) {
      assertThat(version.key().algorithm().apiName()).isEqualTo(expected.get("key_type").asText());
      assertThat(key.bytes()).isEqualTo(b64(expected, "key_b64"));
      if (Vectors.isNull(expected, "hmac_key_b64")) {
        assertThat(version.hmacKey()).isEmpty();
      } else {
        assertThat(expected.get("hmac_hash").asText()).isEqualTo("SHA256");
        try (SecretBytes hmac = version.hmacKey().orElseThrow().secret()) {
          assertThat(hmac.bytes()).isEqualTo(b64(expected, "hmac_key_b64"));
        }
      }
      assertThat(version.createdAt()).isEqualTo(Vectors.instant(expected, "created_at"));
      assertThat(version.createdBy()).isEqualTo(expected.get("created_by").asText());
      boolean legacy = stored[0] == '{';
      assertThat(version.isLegacy()).isEqualTo(legacy);
      // v0.22 recorded "" for keys without an algorithm: those are the keys whose legacy
      // ciphertexts choose their own algorithm.
      boolean undefined = legacy && v.get("v0_22_algorithm").asText().isEmpty();
      assertThat(version.key().isAlgorithmUndefined()).isEqualTo(undefined);
    }
  }

  @TestFactory
  Stream<DynamicTest> encodeKeyVersion() {
    return Vectors.ofKind("encode-key-version").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> checkEncode(v)));
  }

  private static void checkEncode(JsonNode v) {
    KeyAlgorithm algorithm = KeyAlgorithm.parse(v.get("key_type").asText());
    Instant createdAt = Vectors.instant(v, "created_at");
    String createdBy = v.get("created_by").asText();
    JsonNode expected = v.get("expected");
    HmacKey hmac = null;
    if (!Vectors.isNull(v, "hmac_key_b64")) {
      assertThat(v.get("hmac_hash").asText()).isEqualTo("SHA256");
      try (SecretBytes h = SecretBytes.copyOf(b64(v, "hmac_key_b64"))) {
        hmac = HmacKey.of(h);
      }
    }
    try (MasterKey key = masterKey(algorithm, b64(v, "key_b64"));
        KeyVersion version = KeyVersion.of(key, hmac, createdAt, createdBy)) {
      if (!expected.get("ok").asBoolean()) {
        assertThatThrownBy(version::encode).isInstanceOf(IllegalStateException.class);
        return;
      }
      byte[] encoded = version.encode();
      assertThat(new String(encoded, StandardCharsets.US_ASCII))
          .isEqualTo(expected.get("stored_text").asText());
      if (expected.get("roundtrip_equal").asBoolean()) {
        try (KeyVersion parsed = KeyVersion.parse(encoded);
            SecretBytes k1 = version.key().secret();
            SecretBytes k2 = parsed.key().secret()) {
          assertThat(parsed.key().algorithm()).isEqualTo(algorithm);
          assertThat(k2.equalsConstantTime(k1)).isTrue();
          assertThat(parsed.createdAt()).isEqualTo(createdAt);
          assertThat(parsed.createdBy()).isEqualTo(createdBy);
          assertThat(parsed.encode()).isEqualTo(encoded);
        }
      }
    } finally {
      if (hmac != null) {
        hmac.close();
      }
    }
  }
}

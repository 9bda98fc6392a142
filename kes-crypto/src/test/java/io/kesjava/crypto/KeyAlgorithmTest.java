package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

class KeyAlgorithmTest {

  /**
   * kms-go names ({@code key-algorithm-text#*}). The kms-go enum numbers AES256 0 and ChaCha20 1,
   * which are our ordinals. Skipped: #2 ({@code String} of enum 2 is Go's fmt text {@code %!2}; a
   * Java enum has no value 2 to print). #5 (marshalling enum 2 fails) is asserted as: there is no
   * value 2.
   */
  @TestFactory
  Stream<DynamicTest> keyAlgorithmText() {
    return Vectors.ofKind("key-algorithm-text").stream()
        .map(v -> dynamicTest(v.get("id").asText(), kmsGo(v)));
  }

  private static Executable kmsGo(JsonNode v) {
    int ordinal = v.get("algorithm_enum").asInt();
    JsonNode expected = v.get("expected");
    boolean exists = ordinal < KeyAlgorithm.values().length;
    if (!exists && v.get("op").asText().equals("String")) {
      return () -> Assumptions.abort("Go's fmt text for an out-of-range enum has no Java equivalent");
    }
    return () -> {
      if (expected.path("ok").asBoolean(true)) {
        KeyAlgorithm a = KeyAlgorithm.values()[ordinal];
        String text = expected.get("text").asText();
        assertThat(a.apiName()).isEqualTo(text);
        assertThat(a.toString()).isEqualTo(text);
        assertThat(KeyAlgorithm.parse(text)).isSameAs(a);
      } else {
        assertThat(exists).as("no algorithm with kms-go enum value " + ordinal).isFalse();
      }
    };
  }

  /**
   * v0.22 names ({@code key-algorithm-text-v0.22#*}); the v0.22 enum is our ordinal + 1. Our parse
   * accepts the two defined names, checked both ways. Skipped, because v0.22's "undefined" algorithm
   * (enum 0, text "" or "undefined") is no {@link KeyAlgorithm}: it exists only as a property of
   * legacy stored keys, handled by {@link KeyVersion#parse} (see {@code KeyVersionTest}): #0, #4 and
   * #8. Skipped, because Go's text for an out-of-range enum has no Java equivalent: #3; and #7
   * (marshalling enum 3 fails) is asserted as: there is no value 3.
   */
  @TestFactory
  Stream<DynamicTest> keyAlgorithmTextV022() {
    return Vectors.ofKind("key-algorithm-text-v0.22").stream()
        .map(v -> dynamicTest(v.get("id").asText(), v022(v)));
  }

  private static Executable v022(JsonNode v) {
    JsonNode expected = v.get("expected");
    if (v.get("op").asText().equals("UnmarshalText")) {
      return () -> Assumptions.abort("v0.22's undefined algorithm is no KeyAlgorithm; "
          + "KeyVersion.parse reads \"\" in stored JSON as an undefined algorithm");
    }
    int v022 = v.get("algorithm_enum").asInt();
    if (v022 == 0) {
      return () -> Assumptions.abort("v0.22's undefined algorithm is no KeyAlgorithm");
    }
    int ordinal = v022 - 1;
    boolean exists = ordinal < KeyAlgorithm.values().length;
    if (!exists && v.get("op").asText().equals("String")) {
      return () -> Assumptions.abort("Go's text for an out-of-range enum has no Java equivalent");
    }
    return () -> {
      if (expected.path("ok").asBoolean(true)) {
        KeyAlgorithm a = KeyAlgorithm.values()[ordinal];
        String text = expected.get("text").asText();
        assertThat(a.legacyName()).isEqualTo(text);
        assertThat(KeyAlgorithm.parse(text)).isSameAs(a);
      } else {
        assertThat(exists).as("no algorithm with v0.22 enum value " + v022).isFalse();
      }
    };
  }

  @Test
  void parse_acceptsExactlyTheFourKmsGoNames() {
    assertThat(KeyAlgorithm.parse("AES256")).isEqualTo(KeyAlgorithm.AES256);
    assertThat(KeyAlgorithm.parse("AES256-GCM_SHA256")).isEqualTo(KeyAlgorithm.AES256);
    assertThat(KeyAlgorithm.parse("ChaCha20")).isEqualTo(KeyAlgorithm.CHACHA20);
    assertThat(KeyAlgorithm.parse("XCHACHA20-POLY1305")).isEqualTo(KeyAlgorithm.CHACHA20);
    for (String bad : new String[] {"", "undefined", "AES256-GCM-SHA256", "aes256", "CHACHA20"}) {
      assertThatThrownBy(() -> KeyAlgorithm.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not supported");
    }
  }

  @Test
  void ofProtoType_mapsOneAndTwo_andRejectsOthers() {
    assertThat(KeyAlgorithm.ofProtoType(1)).isEqualTo(KeyAlgorithm.AES256);
    assertThat(KeyAlgorithm.ofProtoType(2)).isEqualTo(KeyAlgorithm.CHACHA20);
    assertThatThrownBy(() -> KeyAlgorithm.ofProtoType(0))
        .hasMessage("crypto: invalid secret key type '0'");
  }
}

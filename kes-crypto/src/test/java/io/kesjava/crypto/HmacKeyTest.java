package io.kesjava.crypto;

import static io.kesjava.crypto.Vectors.b64;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class HmacKeyTest {

  /** {@code hmac#*}: HMAC-SHA256(hmac_key, message) as {@code /v1/key/hmac} returns it. */
  @TestFactory
  Stream<DynamicTest> hmac() {
    return Vectors.ofKind("hmac").stream()
        .map(v -> dynamicTest(v.get("id").asText(), () -> {
          try (SecretBytes s = SecretBytes.copyOf(b64(v, "hmac_key_b64"));
              HmacKey key = HmacKey.of(s)) {
            assertThat(key.mac(b64(v, "message_b64")))
                .isEqualTo(b64(v.get("expected"), "hmac_b64"));
          }
        }));
  }

  @Test
  void of_withWrongLength_isRejected() {
    try (SecretBytes s = SecretBytes.copyOf(new byte[31])) {
      assertThatThrownBy(() -> HmacKey.of(s))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("an HMAC key must be 32 bytes long, not 31");
    }
  }

  @Test
  void generate_givesDistinctKeys() {
    try (HmacKey a = HmacKey.generate(); HmacKey b = HmacKey.generate()) {
      assertThat(a.mac(new byte[0])).hasSize(32).isNotEqualTo(b.mac(new byte[0]));
    }
  }

  @Test
  void toString_isRedacted() {
    try (HmacKey key = HmacKey.generate()) {
      assertThat(key).hasToString("HmacKey[SHA256, redacted]");
    }
  }

  @Test
  void mac_afterClose_isRefused() {
    HmacKey key = HmacKey.generate();
    key.close();

    assertThatThrownBy(() -> key.mac(new byte[0])).isInstanceOf(IllegalStateException.class);
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class KesExceptionTest {

  @TestFactory
  Stream<DynamicTest> errorEqualityVectors() {
    return Vectors.tests(
        "error-equality",
        v -> {
          KesException e = KesException.of(v.get("status").asInt(), v.get("message").asText());
          String canonical = v.get("expected").get("equals_canonical_error").asText(null);
          Class<?> expected =
              canonical == null
                  ? null
                  : switch (canonical) {
                    case "ErrKeyNotFound" -> KeyNotFoundException.class;
                    case "ErrKeyExists" -> KeyExistsException.class;
                    default -> throw new AssertionError("unmapped " + canonical);
                  };
          if (expected == null) {
            assertThat(e).isNotInstanceOfAny(KeyNotFoundException.class, KeyExistsException.class);
          } else {
            assertThat(e).isInstanceOf(expected);
          }
        });
  }

  @Test
  void of_mapsEveryCanonicalError() {
    assertThat(KesException.of(404, "key does not exist")).isInstanceOf(KeyNotFoundException.class);
    assertThat(KesException.of(400, "key already exists")).isInstanceOf(KeyExistsException.class);
    assertThat(KesException.of(403, "not authorized: insufficient permissions"))
        .isInstanceOf(NotAllowedException.class);
    assertThat(KesException.of(400, "decryption failed: ciphertext is not authentic"))
        .isInstanceOf(NotAuthenticException.class);
    assertThat(KesException.of(404, "policy does not exist"))
        .isInstanceOf(PolicyNotFoundException.class);
    assertThat(KesException.of(404, "identity does not exist"))
        .isInstanceOf(IdentityNotFoundException.class);
    assertThat(KesException.of(502, "failed to read key"))
        .isInstanceOf(KeyStoreUnavailableException.class);
  }

  @Test
  void of_translatesLegacyMessages() {
    assertThat(KesException.of(400, "key does already exist"))
        .isInstanceOf(KeyExistsException.class)
        .hasMessage("key already exists");
    assertThat(KesException.of(403, "prohibited by policy"))
        .isInstanceOf(NotAllowedException.class)
        .hasMessage("not authorized: insufficient permissions");
  }

  @Test
  void of_keepsStatusAndMessageOfOtherErrors() {
    KesException e = KesException.of(406, "algorithm 'X' is not supported");
    assertThat(e.status()).isEqualTo(406);
    assertThat(e).hasMessage("algorithm 'X' is not supported");
    assertThat(KesException.of(400, "bad name")).isInstanceOf(InvalidArgumentException.class);
  }
}

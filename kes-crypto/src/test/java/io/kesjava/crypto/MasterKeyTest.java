package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

  private static final byte[] NONE = new byte[0];
  private static final byte[] ZERO_KEY = new byte[32];
  /**
   * docs/formats.md#ciphertexts / decrypt#1: a ChaCha20 JSON ciphertext of 16 zero bytes under the
   * zero key.
   */
  private static final String CHACHA_JSON =
      "{\"aead\":\"ChaCha20Poly1305\",\"iv\":\"s3fSZ6vk5m+DfQA8yZWeUg==\","
          + "\"nonce\":\"8/kHMnCMs3h9NZ2a\",\"bytes\":\"cw22HjLq/4cx8507SW4hhSrYbDiMuRao4b5+GE+XfbE=\"}";

  @ParameterizedTest
  @ValueSource(ints = {0, 16, 31, 33, 64})
  void of_withWrongKeyLength_isRejectedWithoutKeyBytes(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 0x41);
    try (SecretBytes s = SecretBytes.copyOf(bytes)) {
      assertThatThrownBy(() -> MasterKey.of(KeyAlgorithm.AES256, s))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a master key must be 32 bytes long, not " + length)
          .message()
          .doesNotContain("AAAA", "QUFB");
    }
  }

  @Test
  void of_copiesTheKey_soClosingTheArgumentDoesNotAffectIt() {
    SecretBytes s = SecretBytes.copyOf(ZERO_KEY);
    MasterKey key = MasterKey.of(KeyAlgorithm.AES256, s);
    s.close();

    assertThat(key.decrypt(key.encrypt(NONE, NONE), NONE)).isEmpty();
  }

  @Test
  void toString_isRedacted() {
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.CHACHA20)) {
      assertThat(key).hasToString("MasterKey[ChaCha20, redacted]");
    }
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, ZERO_KEY)) {
      assertThat(key).hasToString("MasterKey[AES256, redacted]");
    }
  }

  @Test
  void legacyId_ofZeroKey_matchesSpecExample() {
    // docs/formats.md#ciphertexts
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, ZERO_KEY)) {
      assertThat(key.legacyId()).isEqualTo("66687aadf862bd776c8fc18b8e9f8e20");
    }
  }

  @Test
  void secret_returnsACopyOfTheKey() {
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.AES256)) {
      SecretBytes first = key.secret();
      first.close();
      try (SecretBytes second = key.secret()) {
        assertThat(second.length()).isEqualTo(32);
        assertThat(second.bytes()).isNotEqualTo(new byte[32]);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void encrypt_addsFortyFourBytes_andNeverRepeats(KeyAlgorithm algorithm) {
    try (MasterKey key = MasterKey.generate(algorithm)) {
      byte[] plaintext = "hello".getBytes(StandardCharsets.UTF_8);
      byte[] a = key.encrypt(plaintext, NONE);
      byte[] b = key.encrypt(plaintext, NONE);

      assertThat(a).hasSize(plaintext.length + 44);
      assertThat(a).isNotEqualTo(b);
      assertThat(key.decrypt(a, NONE)).isEqualTo(plaintext);
      assertThat(key.decrypt(b, NONE)).isEqualTo(plaintext);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void decrypt_withWrongContext_fails(KeyAlgorithm algorithm) {
    try (MasterKey key = MasterKey.generate(algorithm)) {
      byte[] c = key.encrypt(new byte[32], "ctx".getBytes(StandardCharsets.UTF_8));

      assertThatThrownBy(() -> key.decrypt(c, "ctx2".getBytes(StandardCharsets.UTF_8)))
          .isInstanceOf(NotAuthenticException.class)
          .hasMessage("decryption failed: ciphertext is not authentic");
      assertThatThrownBy(() -> key.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void decrypt_withAnotherKey_fails(KeyAlgorithm algorithm) {
    try (MasterKey key = MasterKey.generate(algorithm);
        MasterKey other = MasterKey.generate(algorithm)) {
      byte[] c = key.encrypt(new byte[32], NONE);

      assertThatThrownBy(() -> other.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @Test
  void decrypt_withTheOtherAlgorithmOfTheSameKeyBytes_fails() {
    try (MasterKey aes = Vectors.masterKey(KeyAlgorithm.AES256, ZERO_KEY);
        MasterKey chacha = Vectors.masterKey(KeyAlgorithm.CHACHA20, ZERO_KEY)) {
      byte[] c = aes.encrypt(new byte[32], NONE);

      assertThatThrownBy(() -> chacha.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 27, 28, 29, 43})
  void decrypt_ofShortInput_failsAsNotAuthentic(int length) {
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.AES256)) {
      assertThatThrownBy(() -> key.decrypt(new byte[length], NONE))
          .isInstanceOf(NotAuthenticException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void decrypt_ofTheSameCiphertextTwiceOnOneThread_works(KeyAlgorithm algorithm) {
    // Regression: Java 17's ChaCha20-Poly1305 refuses a second init with the same key and nonce.
    try (MasterKey key = MasterKey.generate(algorithm)) {
      byte[] c = key.encrypt(new byte[] {1, 2, 3}, NONE);

      assertThat(key.decrypt(c, NONE)).containsExactly(1, 2, 3);
      assertThat(key.decrypt(c, NONE)).containsExactly(1, 2, 3);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void encrypt_withTheSameRandomBytesTwice_givesTheSameCiphertext(KeyAlgorithm algorithm) {
    // Regression: Java 17's AES-GCM refuses to encrypt twice with one key and nonce; the
    // deterministic hook must still work (the random path never repeats them).
    byte[] random = new byte[28];
    try (MasterKey key = Vectors.masterKey(algorithm, ZERO_KEY)) {
      byte[] a = key.encrypt(new byte[16], NONE, random);
      byte[] b = key.encrypt(new byte[16], NONE, random);

      assertThat(b).isEqualTo(a);
    }
  }

  @Test
  void encryptAndDecrypt_afterClose_areRefused() {
    MasterKey key = MasterKey.generate(KeyAlgorithm.AES256);
    byte[] c = key.encrypt(NONE, NONE);
    key.close();
    key.close();

    assertThatThrownBy(() -> key.encrypt(NONE, NONE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> key.decrypt(c, NONE)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(key::secret).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void nullArguments_areRejected() {
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.AES256)) {
      assertThatThrownBy(() -> key.encrypt(null, NONE)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> key.encrypt(NONE, null)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> key.decrypt(null, NONE)).isInstanceOf(NullPointerException.class);
      assertThatThrownBy(() -> key.decrypt(NONE, null)).isInstanceOf(NullPointerException.class);
    }
    assertThatThrownBy(() -> MasterKey.generate(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void decrypt_legacyChaChaCiphertext_underKeyWithoutStoredAlgorithm_usesCiphertextAlgorithm() {
    // docs/formats.md#ciphertexts, our deviation: v0.19 keys had no algorithm; v0.22 could read
    // this, so do we.
    byte[] stored = ("{\"bytes\":\"" + Base64.getEncoder().encodeToString(ZERO_KEY) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    try (KeyVersion version = KeyVersion.parse(stored)) {
      assertThat(version.key().algorithm()).isEqualTo(KeyAlgorithm.AES256);
      assertThat(version.key().decrypt(CHACHA_JSON.getBytes(StandardCharsets.UTF_8), NONE))
          .isEqualTo(new byte[16]);
    }
  }

  @Test
  void decrypt_legacyChaChaCiphertext_underKeyStoredAsAes_fails() {
    // The deviation is only for keys whose algorithm was never recorded.
    byte[] stored = ("{\"bytes\":\"" + Base64.getEncoder().encodeToString(ZERO_KEY)
        + "\",\"algorithm\":\"AES256-GCM_SHA256\"}").getBytes(StandardCharsets.UTF_8);
    try (KeyVersion version = KeyVersion.parse(stored);
        MasterKey typed = Vectors.masterKey(KeyAlgorithm.AES256, ZERO_KEY)) {
      byte[] c = CHACHA_JSON.getBytes(StandardCharsets.UTF_8);
      assertThatThrownBy(() -> version.key().decrypt(c, NONE))
          .isInstanceOf(NotAuthenticException.class);
      assertThatThrownBy(() -> typed.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @Test
  void keyWithoutStoredAlgorithm_encryptsAndDecryptsCurrentFormatAsAes256() {
    byte[] stored = ("{\"bytes\":\"" + Base64.getEncoder().encodeToString(ZERO_KEY) + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    try (KeyVersion version = KeyVersion.parse(stored);
        MasterKey aes = Vectors.masterKey(KeyAlgorithm.AES256, ZERO_KEY);
        MasterKey chacha = Vectors.masterKey(KeyAlgorithm.CHACHA20, ZERO_KEY)) {
      byte[] c = version.key().encrypt(new byte[5], NONE);

      assertThat(aes.decrypt(c, NONE)).isEqualTo(new byte[5]);
      byte[] fromChacha = chacha.encrypt(new byte[5], NONE);
      assertThatThrownBy(() -> version.key().decrypt(fromChacha, NONE))
          .isInstanceOf(NotAuthenticException.class);
    }
  }

  @Test
  void encryptAndDecrypt_onManyThreadsAtOnce_giveCorrectResults() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (MasterKey aes = MasterKey.generate(KeyAlgorithm.AES256);
        MasterKey chacha = MasterKey.generate(KeyAlgorithm.CHACHA20)) {
      List<Future<?>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(pool.submit(() -> {
          for (int i = 0; i < 200; i++) {
            MasterKey key = (i + seed) % 2 == 0 ? aes : chacha;
            byte[] plaintext = {(byte) seed, (byte) i};
            byte[] context = {(byte) i};
            assertThat(key.decrypt(key.encrypt(plaintext, context), context)).isEqualTo(plaintext);
          }
          return null;
        }));
      }
      for (Future<?> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }
}

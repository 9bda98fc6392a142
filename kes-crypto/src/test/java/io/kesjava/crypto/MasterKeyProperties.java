package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link MasterKey} encryption over arbitrary keys, plaintexts and contexts. */
class MasterKeyProperties {

  @Property(tries = 300)
  void decrypt_ofEncrypt_returnsThePlaintext(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @Size(max = 64) byte[] context) {
    try (MasterKey k = Vectors.masterKey(algorithm, key)) {
      byte[] c = k.encrypt(plaintext, context);

      assertThat(c).hasSize(plaintext.length + 44);
      assertThat(k.decrypt(c, context)).isEqualTo(plaintext);
    }
  }

  @Property(tries = 300)
  void decrypt_withAnyChangedByte_fails(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(max = 64) byte[] plaintext,
      @ForAll @Size(max = 16) byte[] context,
      @ForAll @IntRange(min = 0, max = 1000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    try (MasterKey k = Vectors.masterKey(algorithm, key)) {
      byte[] c = k.encrypt(plaintext, context);
      c[position % c.length] ^= (byte) xor;

      assertThatThrownBy(() -> k.decrypt(c, context)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @Property(tries = 300)
  void decrypt_withAnyOtherContext_fails(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(max = 64) byte[] plaintext,
      @ForAll @Size(max = 16) byte[] context,
      @ForAll @Size(max = 16) byte[] otherContext) {
    Assume.that(!Arrays.equals(context, otherContext));
    try (MasterKey k = MasterKey.generate(algorithm)) {
      byte[] c = k.encrypt(plaintext, context);

      assertThatThrownBy(() -> k.decrypt(c, otherContext))
          .isInstanceOf(NotAuthenticException.class);
    }
  }

  @Property(tries = 300)
  void decrypt_ofATruncatedCiphertext_fails(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(max = 64) byte[] plaintext,
      @ForAll @IntRange(min = 1, max = 200) int cut,
      @ForAll boolean fromTheFront) {
    try (MasterKey k = MasterKey.generate(algorithm)) {
      byte[] c = k.encrypt(plaintext, new byte[0]);
      int n = Math.min(cut, c.length);
      byte[] truncated = fromTheFront
          ? Arrays.copyOfRange(c, n, c.length)
          : Arrays.copyOf(c, c.length - n);

      assertThatThrownBy(() -> k.decrypt(truncated, new byte[0]))
          .isInstanceOf(NotAuthenticException.class);
    }
  }

  @Property(tries = 1000)
  void decrypt_ofArbitraryBytes_throwsOnlyNotAuthentic(
      @ForAll KeyAlgorithm algorithm, @ForAll("ciphertextLike") byte[] input) {
    try (MasterKey k = Vectors.masterKey(algorithm, new byte[32])) {
      assertThatThrownBy(() -> k.decrypt(input, new byte[0]))
          .isInstanceOf(NotAuthenticException.class);
    }
  }

  /**
   * A changed byte in a legacy ciphertext may still parse to the same ciphertext (a member name's
   * case, the ignored id, whitespace): then it decrypts as before. Anything else must fail as not
   * authentic, never with another exception.
   */
  @Property(tries = 1000)
  void decrypt_ofAChangedLegacyCiphertext_givesThePlaintextOrNotAuthentic(
      @ForAll("legacyVector") int vector,
      @ForAll @IntRange(min = 0, max = 1000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    var v = Vectors.ofKind("decrypt").get(vector);
    byte[] c = Vectors.b64(v, "ciphertext_b64");
    c[position % c.length] ^= (byte) xor;
    KeyAlgorithm algorithm = KeyAlgorithm.parse(v.get("key_type").asText());
    byte[] plaintext = Vectors.b64(v.get("expected"), "plaintext_b64");
    try (MasterKey k = Vectors.masterKey(algorithm, Vectors.b64(v, "key_b64"))) {
      try {
        assertThat(k.decrypt(c, new byte[0])).isEqualTo(plaintext);
      } catch (NotAuthenticException expected) {
        // the usual outcome
      }
    }
  }

  @Provide
  Arbitrary<Integer> legacyVector() {
    return Arbitraries.of(0, 1, 2, 3, 4); // decrypt#0-#2 JSON, #3-#4 MessagePack
  }

  /** Random bytes, bytes that start like a legacy ciphertext, and near-valid JSON ciphertexts. */
  @Provide
  Arbitrary<byte[]> ciphertextLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
    Arbitrary<byte[]> msgpack = random.map(b -> prefixed((byte) 0x95, b));
    Arbitrary<byte[]> brace = random.map(b -> prefixed((byte) '{', b));
    Arbitrary<String> b64 = Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
        .map(b -> java.util.Base64.getEncoder().encodeToString(b));
    Arbitrary<byte[]> json = net.jqwik.api.Combinators
        .combine(Arbitraries.of("AES-256-GCM-HMAC-SHA-256", "ChaCha20Poly1305", "x"), b64, b64, b64)
        .as((aead, iv, nonce, bytes) -> ("{\"aead\":\"" + aead + "\",\"iv\":\"" + iv
            + "\",\"nonce\":\"" + nonce + "\",\"bytes\":\"" + bytes + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return Arbitraries.oneOf(random, msgpack, brace, json);
  }

  private static byte[] prefixed(byte first, byte[] rest) {
    byte[] b = new byte[rest.length + 1];
    b[0] = first;
    System.arraycopy(rest, 0, b, 1, rest.length);
    return b;
  }
}

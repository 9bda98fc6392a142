package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The per-message pipeline (HMAC from precomputed pad states, HChaCha20 on locals, iv and nonce
 * read in place, one random draw per data key) against {@link JcaReference}, the plain JCA way:
 * equal outputs, and ciphertexts that each side opens for the other.
 */
class PipelineProperties {

  @Property(tries = 500)
  void hmacFromPadStates_equalsTheJcaMac(
      @ForAll @Size(min = 1, max = 64) byte[] key, // the JCA refuses an empty key
      @ForAll @Size(max = 300) byte[] message,
      @ForAll @IntRange(min = 0, max = 300) int from,
      @ForAll @IntRange(min = 0, max = 300) int to,
      @ForAll @IntRange(min = 0, max = 8) int outOff) {
    int a = Math.min(from, message.length);
    int b = Math.max(a, Math.min(to, message.length));
    byte[] slice = Arrays.copyOfRange(message, a, b);
    byte[] out = new byte[outOff + 32];
    try (HmacSha256 h = HmacSha256.of(key)) {
      h.mac(message, a, b - a, out, outOff);
      assertThat(Arrays.copyOfRange(out, outOff, outOff + 32))
          .isEqualTo(JcaReference.hmac(key, slice));
      assertThat(h.mac(slice)).isEqualTo(JcaReference.hmac(key, slice)); // the states are reusable
    }
  }

  @Property(tries = 300)
  void hmacKey_equalsTheJcaMac(@ForAll @Size(32) byte[] key, @ForAll @Size(max = 200) byte[] m) {
    try (SecretBytes s = SecretBytes.copyOf(key); HmacKey h = HmacKey.of(s)) {
      assertThat(h.mac(m)).isEqualTo(JcaReference.hmac(key, m));
      assertThat(h.mac(m)).isEqualTo(JcaReference.hmac(key, m));
    }
  }

  @Property(tries = 500)
  void hchacha20OnLocals_equalsTheArrayVersion(
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(min = 16, max = 40) byte[] buffer,
      @ForAll @IntRange(min = 0, max = 24) int offset) {
    int off = Math.min(offset, buffer.length - 16);
    byte[] out = new byte[32];
    HChaCha20.subkey(key, buffer, off, out);
    assertThat(out).isEqualTo(JcaReference.hchacha20(key, Arrays.copyOfRange(buffer, off, off + 16)));
  }

  @Property(tries = 300)
  void theReferenceDecrypts_whatTheKeyEncrypts(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @Size(max = 64) byte[] context) {
    try (MasterKey k = Vectors.masterKey(algorithm, key)) {
      byte[] c = k.encrypt(plaintext, context);
      assertThat(JcaReference.decrypt(algorithm, key, c, context)).isEqualTo(plaintext);
    }
  }

  @Property(tries = 300)
  void theKeyDecrypts_whatTheReferenceEncrypts(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(max = 300) byte[] plaintext,
      @ForAll @Size(max = 64) byte[] context) {
    try (MasterKey k = Vectors.masterKey(algorithm, key)) {
      byte[] c = JcaReference.encrypt(algorithm, key, plaintext, context);
      assertThat(k.decrypt(c, context)).isEqualTo(plaintext);
    }
  }

  @Property(tries = 300)
  void encryptRandom_sealsTheSecretItReturns(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @IntRange(min = 0, max = 100) int length,
      @ForAll @Size(max = 64) byte[] context) {
    try (MasterKey k = Vectors.masterKey(algorithm, key)) {
      byte[] secret = new byte[length];
      byte[] c = k.encryptRandom(secret, context);
      assertThat(c).hasSize(length + 44);
      assertThat(JcaReference.decrypt(algorithm, key, c, context)).isEqualTo(secret);
      assertThat(k.decrypt(c, context)).isEqualTo(secret);
    }
  }

  @Test
  void encryptRandom_neverRepeatsASecret_anIvOrANonce_andTheSecretIsNotTheTrailer() {
    try (MasterKey k = MasterKey.generate(KeyAlgorithm.AES256)) {
      Set<ByteBuffer> seen = new HashSet<>();
      for (int i = 0; i < 2000; i++) {
        byte[] secret = new byte[32];
        byte[] c = k.encryptRandom(secret, new byte[0]);
        byte[] iv = Arrays.copyOfRange(c, c.length - 28, c.length - 12);
        byte[] nonce = Arrays.copyOfRange(c, c.length - 12, c.length);
        assertThat(seen.add(ByteBuffer.wrap(secret))).isTrue();
        assertThat(seen.add(ByteBuffer.wrap(iv))).isTrue();
        assertThat(seen.add(ByteBuffer.wrap(nonce))).isTrue();
        assertThat(Arrays.copyOfRange(secret, 0, 16)).isNotEqualTo(iv);
      }
    }
  }

  @Test
  void aClosedKey_refusesToDerive_evenWithItsPadStatesMade() {
    MasterKey k = MasterKey.generate(KeyAlgorithm.AES256);
    for (int i = 0; i < 100_000 && !k.hasPadStates(); i++) {
      k.encrypt(new byte[1], new byte[0]); // until it makes its pad states
    }
    assertThat(k.hasPadStates()).isTrue();
    k.close();
    assertThatThrownBy(() -> k.encrypt(new byte[1], new byte[0]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> k.encryptRandom(new byte[32], new byte[0]))
        .isInstanceOf(IllegalStateException.class);
    HmacSha256 h = HmacSha256.of(new byte[32]);
    h.close();
    assertThatThrownBy(() -> h.mac(new byte[1])).isInstanceOf(IllegalStateException.class);
    HmacKey hk = HmacKey.generate();
    hk.mac(new byte[1]);
    hk.close();
    assertThatThrownBy(() -> hk.mac(new byte[1])).isInstanceOf(IllegalStateException.class);
  }
}

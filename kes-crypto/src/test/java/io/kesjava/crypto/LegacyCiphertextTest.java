package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The legacy ciphertext formats of {@code docs/formats.md#ciphertexts}, parsed and decrypted. */
class LegacyCiphertextTest {

  private static final byte[] NONE = new byte[0];
  private static final byte[] IV = range(16, 1);
  private static final byte[] NONCE = range(12, 100);
  private static final String ID = "66687aadf862bd776c8fc18b8e9f8e20";

  @Test
  void msgpack_asV022WroteIt_decrypts() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] sealed = sealed(key, "hello");
      byte[] c = msgpack(str8OrFix("AES256-GCM_SHA256"), str8OrFix(ID), bin8(IV), bin8(NONCE),
          bin8(sealed));

      assertThat(key.decrypt(c, NONE)).isEqualTo(bytes("hello"));
    }
  }

  @Test
  void msgpack_withWiderLengthEncodings_decrypts() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.CHACHA20, new byte[32])) {
      byte[] sealed = sealed(key, "wide");
      byte[] c = msgpack(str16("ChaCha20"), str32(""), bin16(IV), bin32(NONCE), bin16(sealed));

      assertThat(key.decrypt(c, NONE)).isEqualTo(bytes("wide"));
    }
  }

  @Test
  void msgpack_violations_fallBackToCurrentFormatAndFail() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] s = sealed(key, "x");
      byte[][] bad = {
        msgpack(str8OrFix("AES256-GCM-SHA256"), str8OrFix(ID), bin8(IV), bin8(NONCE), bin8(s)),
        msgpack(bin8(bytes("AES256")), str8OrFix(ID), bin8(IV), bin8(NONCE), bin8(s)),
        msgpack(str8OrFix("AES256"), bin8(bytes(ID)), bin8(IV), bin8(NONCE), bin8(s)),
        msgpack(str8OrFix("AES256"), str8OrFix(ID), str8OrFix("0123456789abcdef"), bin8(NONCE),
            bin8(s)),
        msgpack(str8OrFix("AES256"), str8OrFix(ID), bin8(Arrays.copyOf(IV, 15)), bin8(NONCE),
            bin8(s)),
        msgpack(str8OrFix("AES256"), str8OrFix(ID), bin8(IV), bin8(Arrays.copyOf(NONCE, 13)),
            bin8(s)),
        concat(msgpack(str8OrFix("AES256"), str8OrFix(ID), bin8(IV), bin8(NONCE), bin8(s)),
            new byte[] {0}),
        Arrays.copyOf(msgpack(str8OrFix("AES256"), str8OrFix(ID), bin8(IV), bin8(NONCE), bin8(s)),
            40),
        new byte[] {(byte) 0x95},
      };
      for (byte[] c : bad) {
        assertThat(LegacyCiphertext.parse(c)).isNull();
        assertThatThrownBy(() -> key.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
      }
    }
  }

  @Test
  void json_withCaseInsensitiveNamesWhitespaceAndWrongId_decrypts() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] s = sealed(key, "json");
      String c = "{ \"AEAD\" : \"AES-256-GCM-HMAC-SHA-256\", \"Id\":\"not-the-key-id\", \"x\":[1],"
          + "\"iv\":\"" + b64(IV) + "\",\"Nonce\":\"" + b64(NONCE) + "\",\"BYTES\":\"" + b64(s)
          + "\"}\n ";

      assertThat(key.decrypt(bytes(c), NONE)).isEqualTo(bytes("json"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{\"aead\":\"AES-256-GCM\",\"iv\":\"IV\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"}",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"id\":5,\"iv\":\"IV\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"}",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"}",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"IV\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"} x",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"IV\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"IV\",\"nonce\":\"NONCE\",\"bytes\":\"SEALED=\"}",
    "{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":[],\"nonce\":\"NONCE\",\"bytes\":\"SEALED\"}",
  })
  void json_violations_fallBackToCurrentFormatAndFail(String template) {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] c = bytes(template.replace("NONCE", b64(NONCE)).replace("IV", b64(IV))
          .replace("SEALED", b64(sealed(key, "json"))));

      assertThat(LegacyCiphertext.parse(c)).isNull();
      assertThatThrownBy(() -> key.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @Test
  void json_bindsTheContextToo() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] s = Arrays.copyOf(key.encrypt(bytes("ctx"), bytes("context"), concat(IV, NONCE)),
          3 + 16);
      byte[] c = bytes("{\"aead\":\"AES-256-GCM-HMAC-SHA-256\",\"iv\":\"" + b64(IV)
          + "\",\"nonce\":\"" + b64(NONCE) + "\",\"bytes\":\"" + b64(s) + "\"}");

      assertThat(key.decrypt(c, bytes("context"))).isEqualTo(bytes("ctx"));
      assertThatThrownBy(() -> key.decrypt(c, NONE)).isInstanceOf(NotAuthenticException.class);
    }
  }

  @Test
  void aCurrentFormatCiphertextThatLooksLikeJsonAtEitherEnd_decrypts() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32])) {
      byte[] random = concat(IV, NONCE);
      random[27] = '}'; // the nonce's last byte is the ciphertext's last
      byte[] c;
      int tries = 0;
      do { // about one iv in 256 makes the first byte '{'
        random[0] = (byte) tries;
        random[1] = (byte) (tries >> 8);
        c = key.encrypt(bytes("looks like json"), NONE, random);
        tries++;
      } while (c[0] != '{');
      assertThat(LegacyCiphertext.parse(c)).isNull();
      assertThat(key.decrypt(c, NONE)).isEqualTo(bytes("looks like json"));
      byte[] notClosed;
      do { // and one whose last byte is not '}': told apart without parsing
        random[0] = (byte) tries;
        random[1] = (byte) (tries >> 8);
        random[27] = 'x';
        notClosed = key.encrypt(bytes("looks like json"), NONE, random);
        tries++;
      } while (notClosed[0] != '{');
      assertThat(key.decrypt(notClosed, NONE)).isEqualTo(bytes("looks like json"));
    }
  }

  /** The sealed part (ciphertext and tag) of a current-format encryption with IV and NONCE. */
  private static byte[] sealed(MasterKey key, String plaintext) {
    byte[] c = key.encrypt(bytes(plaintext), NONE, concat(IV, NONCE));
    return Arrays.copyOf(c, c.length - 28);
  }

  private static byte[] msgpack(byte[]... elements) {
    return concat(new byte[] {(byte) 0x95}, concat(elements));
  }

  private static byte[] str8OrFix(String s) {
    byte[] b = bytes(s);
    return b.length < 32
        ? concat(new byte[] {(byte) (0xa0 | b.length)}, b)
        : concat(new byte[] {(byte) 0xd9, (byte) b.length}, b);
  }

  private static byte[] str16(String s) {
    return concat(new byte[] {(byte) 0xda, 0, (byte) bytes(s).length}, bytes(s));
  }

  private static byte[] str32(String s) {
    return concat(new byte[] {(byte) 0xdb, 0, 0, 0, (byte) bytes(s).length}, bytes(s));
  }

  private static byte[] bin8(byte[] b) {
    return concat(new byte[] {(byte) 0xc4, (byte) b.length}, b);
  }

  private static byte[] bin16(byte[] b) {
    return concat(new byte[] {(byte) 0xc5, 0, (byte) b.length}, b);
  }

  private static byte[] bin32(byte[] b) {
    return concat(new byte[] {(byte) 0xc6, 0, 0, 0, (byte) b.length}, b);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] range(int n, int start) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}

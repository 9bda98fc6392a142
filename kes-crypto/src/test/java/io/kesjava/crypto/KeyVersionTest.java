package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyVersionTest {

  private static final String IDENTITY =
      "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";
  /**
   * docs/formats.md#stored-keys: zero key (AES256), zero HMAC key, 2024-01-12T10:39:20.886816Z,
   * IDENTITY.
   */
  private static final String SPEC_EXAMPLE =
      "CiQKIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEAESJAogAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
          + "AAAQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2MGFl"
          + "NmI1Nzg2OThhOTdjNTlmZDIy";
  private static final Instant SPEC_TIME = Instant.parse("2024-01-12T10:39:20.886816Z");
  /** A key whose base64 and hex are easy to search for in messages. */
  private static final byte[] KEY = new byte[32];

  static {
    Arrays.fill(KEY, (byte) 0x5a);
  }

  @Test
  void encode_ofSpecExample_isByteExact() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, new byte[32]);
        SecretBytes h = SecretBytes.copyOf(new byte[32]);
        HmacKey hmac = HmacKey.of(h);
        KeyVersion version = KeyVersion.of(key, hmac, SPEC_TIME, IDENTITY)) {
      byte[] encoded = version.encode();

      assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo(SPEC_EXAMPLE);
      assertThat(HexFormat.of().formatHex(Base64.getDecoder().decode(encoded)))
          .isEqualTo("0a240a20" + "00".repeat(32) + "1001" + "12240a20" + "00".repeat(32) + "1001"
              + "1a0c08d8ad84ad061080faeea603" + "2240"
              + HexFormat.of().formatHex(IDENTITY.getBytes(StandardCharsets.US_ASCII)));
    }
  }

  @Test
  void parse_ofSpecExample_readsEveryField() {
    try (KeyVersion v = KeyVersion.parse(SPEC_EXAMPLE.getBytes(StandardCharsets.US_ASCII))) {
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.AES256);
      assertThat(v.hmacKey()).isPresent();
      assertThat(v.createdAt()).isEqualTo(SPEC_TIME);
      assertThat(v.createdBy()).isEqualTo(IDENTITY);
      assertThat(v.isLegacy()).isFalse();
    }
  }

  @Test
  void parse_withoutSecretKey_isRejected() {
    assertThatThrownBy(() -> KeyVersion.parse(b64(field(2, hmacMsg(KEY, 1)))))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: invalid key version: no secret key");
  }

  @Test
  void parse_withoutHmacKey_isRejected() {
    assertThatThrownBy(() -> KeyVersion.parse(b64(field(1, secretKeyMsg(KEY, 1)))))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: invalid key version: no HMAC key");
  }

  @Test
  void parse_withShortSecretKey_namesTheLength() {
    byte[] proto = concat(field(1, secretKeyMsg(new byte[31], 1)), field(2, hmacMsg(KEY, 1)));
    assertThatThrownBy(() -> KeyVersion.parse(b64(proto)))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: invalid secret key length '31'");
  }

  @Test
  void parse_withUnknownKeyTypeOrHash_isRejected() {
    byte[] badType = concat(field(1, secretKeyMsg(KEY, 3)), field(2, hmacMsg(KEY, 1)));
    assertThatThrownBy(() -> KeyVersion.parse(b64(badType)))
        .hasMessage("crypto: invalid secret key type '3'");
    byte[] badHash = concat(field(1, secretKeyMsg(KEY, 2)), field(2, hmacMsg(KEY, 2)));
    assertThatThrownBy(() -> KeyVersion.parse(b64(badHash)))
        .hasMessage("crypto: invalid HMAC hash '2'");
    byte[] shortHmac = concat(field(1, secretKeyMsg(KEY, 2)), field(2, hmacMsg(new byte[8], 1)));
    assertThatThrownBy(() -> KeyVersion.parse(b64(shortHmac)))
        .hasMessage("crypto: invalid HMAC key length '8'");
  }

  @Test
  void parse_withoutTimeOrCreator_givesEpochAndEmptyCreator() {
    byte[] proto = concat(field(1, secretKeyMsg(KEY, 2)), field(2, hmacMsg(KEY, 1)));
    try (KeyVersion v = KeyVersion.parse(b64(proto))) {
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
      assertThat(v.createdAt()).isEqualTo(Instant.EPOCH);
      assertThat(v.createdBy()).isEmpty();
    }
  }

  @Test
  void parse_skipsUnknownFieldsOfEveryWireType() {
    byte[] secretKey = concat(secretKeyMsg(KEY, 1), varintField(7, 300));
    byte[] proto = concat(
        varintField(9, 1L << 40),
        field(1, secretKey),
        hex("59" + "0102030405060708"), // field 11, fixed64
        hex("65" + "01020304"), // field 12, fixed32
        hex("6b" + "0801" + "7a00" + "6c"), // field 13, a group holding a varint and an empty LEN
        varintField(3, 5), // field 3 with the wrong wire type: unknown, as in protobuf-go
        field(2, hmacMsg(KEY, 1)),
        field(10, new byte[] {1, 2, 3}),
        field(4, IDENTITY.getBytes(StandardCharsets.UTF_8)));
    try (KeyVersion v = KeyVersion.parse(b64(proto)); SecretBytes k = v.key().secret()) {
      assertThat(k.bytes()).isEqualTo(KEY);
      assertThat(v.createdAt()).isEqualTo(Instant.EPOCH);
      assertThat(v.createdBy()).isEqualTo(IDENTITY);
    }
  }

  @Test
  void parse_mergesARepeatedEmbeddedMessage_asProtobufDoes() {
    byte[] proto = concat(
        field(1, field(1, KEY)), field(2, hmacMsg(KEY, 1)), field(1, varintField(2, 2)));
    try (KeyVersion v = KeyVersion.parse(b64(proto))) {
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
    }
  }

  @Test
  void parse_withInvalidUtf8Creator_isRejected() {
    byte[] proto = concat(field(1, secretKeyMsg(KEY, 1)), field(2, hmacMsg(KEY, 1)),
        field(4, new byte[] {(byte) 0xc3, 0x28}));
    assertThatThrownBy(() -> KeyVersion.parse(b64(proto)))
        .hasMessage("crypto: invalid key version: created_by is not valid UTF-8");
  }

  @Test
  void parse_readsBase64WithLineBreaks_butNotWithoutPaddingOrUrlAlphabet() {
    String text = SPEC_EXAMPLE.substring(0, 60) + "\r\n" + SPEC_EXAMPLE.substring(60) + "\n";
    try (KeyVersion v = KeyVersion.parse(text.getBytes(StandardCharsets.US_ASCII))) {
      assertThat(v.createdBy()).isEqualTo(IDENTITY);
    }
    byte[] proto = concat(field(1, secretKeyMsg(KEY, 1)), field(2, hmacMsg(KEY, 1)), field(4, ascii("ab")));
    String padded = Base64.getEncoder().encodeToString(proto);
    assertThat(padded).endsWith("=");
    assertThatThrownBy(() -> KeyVersion.parse(ascii(padded.replace("=", ""))))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: invalid key version: neither legacy JSON nor base64");
    byte[] urlSafe = Base64.getUrlEncoder().encode(concat(field(1, secretKeyMsg(KEY, 1)),
        field(2, hmacMsg(new byte[] {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
            -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1}, 1))));
    assertThatThrownBy(() -> KeyVersion.parse(urlSafe))
        .isInstanceOf(InvalidKeyVersionException.class);
  }

  @Test
  void parseFailures_neverQuoteTheKey() {
    String keyB64 = Base64.getEncoder().encodeToString(KEY);
    String keyB64Short = Base64.getEncoder().encodeToString(Arrays.copyOf(KEY, 31));
    String[] stored = {
      "{\"bytes\":\"" + keyB64 + "\",\"created_at\":\"yesterday\"}",
      "{\"bytes\":\"" + keyB64Short + "\"}",
      "{\"bytes\":\"" + keyB64 + "\",\"algorithm\":\"AES-128\"}",
      "{\"bytes\":\"" + keyB64 + "\",\"created_by\":7}",
      "{\"bytes\":\"" + keyB64 + "!\"}",
      new String(b64(concat(field(1, secretKeyMsg(KEY, 9)), field(2, hmacMsg(KEY, 1)))),
          StandardCharsets.US_ASCII),
      new String(b64(concat(field(1, secretKeyMsg(KEY, 1)), field(2, hmacMsg(KEY, 1)))),
          StandardCharsets.US_ASCII).substring(0, 40),
      keyB64 + keyB64,
    };
    for (String s : stored) {
      assertThatThrownBy(() -> KeyVersion.parse(ascii(s)))
          .isInstanceOf(InvalidKeyVersionException.class)
          .message()
          .doesNotContain(keyB64.substring(0, 20), "5a5a5a5a", "ZZZZ");
    }
  }

  @Test
  void encode_withoutHmacKey_isRefused() {
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.AES256);
        KeyVersion v = KeyVersion.of(key, null, Instant.EPOCH, "")) {
      assertThat(v.hmacKey()).isEmpty();
      assertThatThrownBy(v::encode)
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("a key version without an HMAC key cannot be encoded");
    }
  }

  @Test
  void of_copiesTheKeys_andCloseZeroesTheCopies() {
    MasterKey key = MasterKey.generate(KeyAlgorithm.CHACHA20);
    HmacKey hmac = HmacKey.generate();
    KeyVersion v = KeyVersion.of(key, hmac, Instant.EPOCH, IDENTITY);
    byte[] c = key.encrypt(new byte[3], new byte[0]);
    byte[] mac = hmac.mac(new byte[3]);
    key.close();
    hmac.close();

    assertThat(v.key().decrypt(c, new byte[0])).isEqualTo(new byte[3]);
    assertThat(v.hmacKey().orElseThrow().mac(new byte[3])).isEqualTo(mac);
    v.close();
    assertThatThrownBy(() -> v.key().decrypt(c, new byte[0]))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(v::encode).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void generate_usesTheClock_andSurvivesEncodeThenParse() {
    Instant now = Instant.parse("2025-05-27T09:49:52.123456789Z");
    try (KeyVersion v = KeyVersion.generate(KeyAlgorithm.CHACHA20, IDENTITY,
            Clock.fixed(now, ZoneOffset.UTC));
        KeyVersion parsed = KeyVersion.parse(v.encode())) {
      assertThat(v.createdAt()).isEqualTo(now);
      assertThat(v.hmacKey()).isPresent();
      assertThat(parsed.createdAt()).isEqualTo(now);
      assertThat(parsed.key().algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
      byte[] c = v.key().encrypt(new byte[] {9}, new byte[0]);
      assertThat(parsed.key().decrypt(c, new byte[0])).containsExactly(9);
      assertThat(parsed.hmacKey().orElseThrow().mac(new byte[0]))
          .isEqualTo(v.hmacKey().orElseThrow().mac(new byte[0]));
    }
  }

  @Test
  void encode_ofTimesBefore1970_survivesParse() {
    Instant old = Instant.parse("0001-01-01T00:00:00.5Z");
    try (MasterKey key = MasterKey.generate(KeyAlgorithm.AES256);
        HmacKey hmac = HmacKey.generate();
        KeyVersion v = KeyVersion.of(key, hmac, old, "");
        KeyVersion parsed = KeyVersion.parse(v.encode())) {
      assertThat(parsed.createdAt()).isEqualTo(old);
      assertThat(parsed.createdBy()).isEmpty();
    }
  }

  @Test
  void toString_showsMetadataButNoKey() {
    try (MasterKey key = Vectors.masterKey(KeyAlgorithm.AES256, KEY);
        KeyVersion v = KeyVersion.of(key, null, Instant.EPOCH, IDENTITY)) {
      assertThat(v.toString())
          .contains("AES256", IDENTITY, "1970-01-01T00:00:00Z", "redacted")
          .doesNotContain("WlpaWlpa", "5a5a");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"text\"", "null", "123", "true", "  {\"bytes\":5}  "})
  void parse_ofJsonThatIsNoKeyObject_isRejected(String json) {
    assertThatThrownBy(() -> KeyVersion.parse(ascii(json)))
        .isInstanceOf(InvalidKeyVersionException.class);
  }

  // --- hand-built protobuf ---

  static byte[] secretKeyMsg(byte[] key, int type) {
    return concat(field(1, key), varintField(2, type));
  }

  static byte[] hmacMsg(byte[] key, int hash) {
    return concat(field(1, key), varintField(2, hash));
  }

  static byte[] field(int number, byte[] content) {
    return concat(varint((long) number << 3 | 2), varint(content.length), content);
  }

  static byte[] varintField(int number, long value) {
    return concat(varint((long) number << 3), varint(value));
  }

  static byte[] varint(long v) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((v & ~0x7fL) != 0) {
      out.write((int) (v & 0x7f) | 0x80);
      v >>>= 7;
    }
    out.write((int) v);
    return out.toByteArray();
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  static byte[] b64(byte[] proto) {
    return Base64.getEncoder().encode(proto);
  }

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

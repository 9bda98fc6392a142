package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Legacy JSON key versions through {@link KeyVersion#parse} ({@code docs/formats.md#stored-keys}).
 */
class LegacyKeyJsonTest {

  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

  private static KeyVersion parse(String json) {
    return KeyVersion.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void parse_matchesMemberNamesIgnoringCase_lastOneWinning() {
    String json = "{\"BYTES\":\"" + KEY + "\",\"Algorithm\":\"AES256\",\"algorithm\":\"ChaCha20\","
        + "\"Created_At\":\"2009-11-10T23:00:00Z\",\"CREATED_BY\":\"me\",\"version\":\"v1\"}";
    try (KeyVersion v = parse(json)) {
      assertThat(v.isLegacy()).isTrue();
      assertThat(v.hmacKey()).isEmpty();
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
      assertThat(v.key().isAlgorithmUndefined()).isFalse();
      assertThat(v.createdAt()).isEqualTo(Instant.parse("2009-11-10T23:00:00Z"));
      assertThat(v.createdBy()).isEqualTo("me");
    }
  }

  @Test
  void parse_ignoresUnknownMembersOfAnyType_andSurroundingWhitespace() {
    String json = " \n{\"bytes\":\"" + KEY + "\",\"x\":[1,{\"y\":null},-2.5e3,true]}\t\r\n";
    try (KeyVersion v = parse(json)) {
      assertThat(v.createdAt()).isEqualTo(LegacyKeyJson.ZERO_TIME);
      assertThat(v.createdBy()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",\"algorithm\":\"\"", ",\"algorithm\":null"})
  void parse_withoutAlgorithm_givesAes256WithUndefinedAlgorithm(String member) {
    try (KeyVersion v = parse("{\"bytes\":\"" + KEY + "\"" + member + "}")) {
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.AES256);
      assertThat(v.key().isAlgorithmUndefined()).isTrue();
    }
  }

  @ParameterizedTest
  @CsvSource({"AES256,AES256", "AES256-GCM_SHA256,AES256", "ChaCha20,CHACHA20",
      "XCHACHA20-POLY1305,CHACHA20"})
  void parse_withAlgorithm_typesTheKey(String name, KeyAlgorithm expected) {
    try (KeyVersion v = parse("{\"bytes\":\"" + KEY + "\",\"algorithm\":\"" + name + "\"}")) {
      assertThat(v.key().algorithm()).isEqualTo(expected);
      assertThat(v.key().isAlgorithmUndefined()).isFalse();
    }
  }

  @Test
  void parse_withUnsupportedAlgorithm_namesIt() {
    assertThatThrownBy(() -> parse("{\"bytes\":\"" + KEY + "\",\"algorithm\":\"AES256-GCM-SHA256\"}"))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: secret key type 'AES256-GCM-SHA256' is not supported");
  }

  @Test
  void parse_withWrongKeyLength_namesLengthAndType() {
    String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
    assertThatThrownBy(() -> parse("{\"bytes\":\"" + shortKey + "\"}"))
        .hasMessage("crypto: invalid key length '31' for 'AES256'");
    assertThatThrownBy(() -> parse("{\"algorithm\":\"ChaCha20\"}"))
        .hasMessage("crypto: invalid key length '0' for 'ChaCha20'");
  }

  @Test
  void parse_withMistypedMembers_isRejected() {
    assertThatThrownBy(() -> parse("{\"bytes\":[\"" + KEY + "\"]}"))
        .hasMessage("crypto: invalid key version: member 'bytes' is not a string");
    assertThatThrownBy(() -> parse("{\"bytes\":\"" + KEY + "\",\"created_at\":0}"))
        .hasMessage("crypto: invalid key version: member 'created_at' is not a string");
    assertThatThrownBy(() -> parse("{\"bytes\":\"" + KEY.substring(1) + "\"}"))
        .hasMessage("crypto: invalid key version: member 'bytes' is not valid base64");
  }

  @Test
  void parse_withNullTime_givesGoZeroTime() {
    try (KeyVersion v = parse("{\"bytes\":\"" + KEY + "\",\"created_at\":null}")) {
      assertThat(v.createdAt()).isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "2009-11-10T23:00:00Z, 2009-11-10T23:00:00Z",
    "2024-01-12T11:39:20.886816+01:00, 2024-01-12T10:39:20.886816Z",
    "2024-01-12T11:39:20.1234567891234-00:30, 2024-01-12T12:09:20.123456789Z",
    "2000-01-01T00:00:00+23:59, 1999-12-31T00:01:00Z",
    "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
    "2024-02-29T23:59:59.5Z, 2024-02-29T23:59:59.5Z",
  })
  void parseRfc3339_acceptsWhatGoAccepts(String text, Instant expected) {
    assertThat(LegacyKeyJson.parseRfc3339(text)).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "yesterday", "2009-11-10", "2009-11-10 23:00:00Z",
      "2009-11-10t23:00:00Z", "2009-11-10T23:00:00z", "2009-11-10T23:00Z", "2009-11-10T23:00:00",
      "2009-11-10T23:00:00.Z", "2009-11-10T23:00:00,5Z", "2009-11-10T24:00:00Z",
      "2009-11-10T23:60:00Z", "2009-11-10T23:00:60Z", "2023-02-29T00:00:00Z",
      "2009-13-10T23:00:00Z", "2009-11-10T23:00:00+24:00", "2009-11-10T23:00:00+01:60",
      "2009-11-10T23:00:00+0100", "209-11-10T23:00:00Z", "+2009-11-10T23:00:00Z",
      "2009-11-10T23:00:00Z "})
  void parse_withUnparsableTime_isRejected(String text) {
    assertThat(LegacyKeyJson.parseRfc3339(text)).isNull();
    assertThatThrownBy(() -> parse("{\"bytes\":\"" + KEY + "\",\"created_at\":\"" + text + "\"}"))
        .isInstanceOf(InvalidKeyVersionException.class)
        .hasMessage("crypto: invalid key version: member 'created_at' is not an RFC 3339 time");
  }

  @Test
  void parse_ofV022WriterOutput_readsEverything() {
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 7);
    String json = "{\"version\":\"v1\",\"bytes\":\"" + Base64.getEncoder().encodeToString(key)
        + "\",\"algorithm\":\"XCHACHA20-POLY1305\",\"created_at\":\"2022-10-01T12:00:00.123456789Z\","
        + "\"created_by\":\"abc\"}";
    try (KeyVersion v = parse(json); SecretBytes s = v.key().secret()) {
      assertThat(s.bytes()).isEqualTo(key);
      assertThat(v.key().algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
      assertThat(v.createdAt()).isEqualTo(Instant.parse("2022-10-01T12:00:00.123456789Z"));
      assertThatThrownBy(v::encode).isInstanceOf(IllegalStateException.class);
    }
  }
}

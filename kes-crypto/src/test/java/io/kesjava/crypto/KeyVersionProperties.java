package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of {@link KeyVersion} encoding and parsing. */
class KeyVersionProperties {

  @Property(tries = 300)
  void parse_ofEncode_keepsEverything(
      @ForAll KeyAlgorithm algorithm,
      @ForAll @Size(32) byte[] key,
      @ForAll @Size(32) byte[] hmacKey,
      @ForAll("times") Instant createdAt,
      @ForAll("creators") String createdBy) {
    try (MasterKey k = Vectors.masterKey(algorithm, key);
        SecretBytes h = SecretBytes.copyOf(hmacKey);
        HmacKey hmac = HmacKey.of(h);
        KeyVersion version = KeyVersion.of(k, hmac, createdAt, createdBy)) {
      byte[] encoded = version.encode();
      try (KeyVersion parsed = KeyVersion.parse(encoded);
          SecretBytes parsedKey = parsed.key().secret();
          SecretBytes parsedHmac = parsed.hmacKey().orElseThrow().secret()) {
        assertThat(parsed.key().algorithm()).isEqualTo(algorithm);
        assertThat(parsedKey.bytes()).isEqualTo(key);
        assertThat(parsedHmac.bytes()).isEqualTo(hmacKey);
        assertThat(parsed.createdAt()).isEqualTo(createdAt);
        assertThat(parsed.createdBy()).isEqualTo(createdBy);
        assertThat(parsed.isLegacy()).isFalse();
        assertThat(parsed.encode()).isEqualTo(encoded);
      }
    }
  }

  @Property(tries = 1000)
  void parse_ofArbitraryBytes_throwsOnlyInvalidKeyVersion(@ForAll("storedLike") byte[] stored) {
    parseOrInvalid(stored, null);
  }

  /** A corrupted protobuf either still parses or fails with a message that hides the key. */
  @Property(tries = 1000)
  void parse_ofACorruptedEncoding_throwsOnlyInvalidKeyVersion_withoutTheKey(
      @ForAll @Size(32) byte[] key,
      @ForAll @IntRange(min = 0, max = 200) int position,
      @ForAll @IntRange(min = 0, max = 255) int value,
      @ForAll boolean truncate) {
    byte[] proto;
    try (MasterKey k = Vectors.masterKey(KeyAlgorithm.AES256, key);
        HmacKey hmac = HmacKey.generate();
        KeyVersion version = KeyVersion.of(k, hmac, Instant.EPOCH, "creator")) {
      proto = Base64.getDecoder().decode(version.encode());
    }
    int at = position % proto.length;
    byte[] corrupted;
    if (truncate) {
      corrupted = Arrays.copyOf(proto, at);
    } else {
      corrupted = proto.clone();
      corrupted[at] = (byte) value;
    }
    parseOrInvalid(Base64.getEncoder().encode(corrupted), key);
  }

  /** Near-valid legacy JSON: members of the right and wrong types and values. */
  @Property(tries = 1000)
  void parse_ofArbitraryLegacyJson_throwsOnlyInvalidKeyVersion(@ForAll("legacyJson") String json) {
    parseOrInvalid(json.getBytes(StandardCharsets.UTF_8), null);
  }

  private static void parseOrInvalid(byte[] stored, byte[] key) {
    try {
      KeyVersion.parse(stored).close();
    } catch (InvalidKeyVersionException e) {
      if (key != null) {
        assertThat(e.getMessage())
            .doesNotContain(Base64.getEncoder().encodeToString(key).substring(0, 12));
      }
    }
  }

  @Provide
  Arbitrary<Instant> times() {
    // Years 1 to 9999, the range RFC 3339 and Go's time formatting share.
    return Combinators.combine(
            Arbitraries.longs().between(-62_135_596_800L, 253_402_300_799L),
            Arbitraries.integers().between(0, 999_999_999))
        .as(Instant::ofEpochSecond);
  }

  @Provide
  Arbitrary<String> creators() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdef").ofLength(64),
        Arbitraries.strings().withCharRange('\u0000', '\ud7ff').ofMaxLength(40),
        Arbitraries.just(""));
  }

  @Provide
  Arbitrary<byte[]> storedLike() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> base64 = random.map(b -> Base64.getEncoder().encode(b));
    return Arbitraries.oneOf(random, base64);
  }

  @Provide
  Arbitrary<String> legacyJson() {
    Arbitrary<String> value = Arbitraries.oneOf(
        Arbitraries.just("null"),
        Arbitraries.just("17"),
        Arbitraries.just("[]"),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(40)
            .map(b -> "\"" + Base64.getEncoder().encodeToString(b) + "\""),
        Arbitraries.of("\"AES256\"", "\"ChaCha20\"", "\"XCHACHA20-POLY1305\"", "\"\"", "\"x\""),
        Arbitraries.of("\"2009-11-10T23:00:00Z\"", "\"2009-11-10T23:00:00.5+01:00\"",
            "\"2009-02-30T00:00:00Z\"", "\"now\""),
        Arbitraries.strings().ofMaxLength(12).map(s -> "\"" + s.replace("\\", "").replace("\"", "")
            + "\""));
    Arbitrary<String> name = Arbitraries.of(
        "bytes", "BYTES", "algorithm", "created_at", "created_by", "version", "other");
    Arbitrary<String> member = Combinators.combine(name, value).as((n, v) -> "\"" + n + "\":" + v);
    return member.list().ofMaxSize(6).map(ms -> "{" + String.join(",", ms) + "}");
  }
}

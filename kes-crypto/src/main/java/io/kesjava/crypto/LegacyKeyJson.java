package io.kesjava.crypto;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The legacy JSON key version of v0.22 and older ({@code docs/formats.md#stored-keys}), read-only:
 * {@code {"bytes", "algorithm"?, "created_at"?, "created_by"?, "version"?}}, member names matched
 * case-insensitively, unknown members ignored.
 */
final class LegacyKeyJson {

  /** Go's zero time, which legacy values without a creation time stand for. */
  static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  /**
   * RFC 3339 as Go's {@code time.Time} JSON decoder accepts it: upper-case {@code T} and {@code Z},
   * two-digit fields, seconds required, any number of fraction digits after a period.
   */
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(?:(Z)|([+-])(\\d{2}):(\\d{2}))");

  private LegacyKeyJson() {}

  /**
   * Reads a legacy key version from a parsed JSON value.
   *
   * @throws InvalidKeyVersionException if a member is missing, mistyped or out of range
   */
  static KeyVersion read(Object json) {
    if (!(json instanceof Json.Obj)) {
      throw InvalidKeyVersionException.invalid("legacy JSON is not an object");
    }
    Json.Obj obj = (Json.Obj) json;
    String algorithmName = string(obj, "algorithm");
    KeyAlgorithm algorithm;
    if (algorithmName.isEmpty()) {
      algorithm = KeyAlgorithm.AES256;
    } else {
      try {
        algorithm = KeyAlgorithm.parse(algorithmName);
      } catch (IllegalArgumentException e) {
        throw new InvalidKeyVersionException(
            "crypto: secret key type '" + algorithmName + "' is not supported");
      }
    }
    byte[] bytes;
    try {
      bytes = StrictBase64.decode(string(obj, "bytes"));
    } catch (IllegalArgumentException e) {
      throw InvalidKeyVersionException.invalid("member 'bytes' is not valid base64");
    }
    Instant createdAt = createdAt(obj.get("created_at"));
    String createdBy = string(obj, "created_by");
    try (SecretBytes key = SecretBytes.wrap(bytes)) {
      if (key.length() != MasterKey.KEY_LENGTH) {
        throw new InvalidKeyVersionException(
            "crypto: invalid key length '" + key.length() + "' for '" + algorithm + "'");
      }
      MasterKey master =
          algorithmName.isEmpty()
              ? MasterKey.ofUndefinedAlgorithm(key)
              : MasterKey.of(algorithm, key);
      return new KeyVersion(master, null, createdAt, createdBy, true);
    }
  }

  private static String string(Json.Obj obj, String name) {
    try {
      return obj.string(name);
    } catch (IllegalArgumentException e) {
      throw InvalidKeyVersionException.invalid("member '" + name + "' is not a string");
    }
  }

  private static Instant createdAt(Object value) {
    if (value == null || value == Json.NULL) {
      return ZERO_TIME;
    }
    if (!(value instanceof String)) {
      throw InvalidKeyVersionException.invalid("member 'created_at' is not a string");
    }
    Instant t = parseRfc3339((String) value);
    if (t == null) {
      throw InvalidKeyVersionException.invalid("member 'created_at' is not an RFC 3339 time");
    }
    return t;
  }

  /** Parses an RFC 3339 time, or returns null if it is not one. */
  static Instant parseRfc3339(String text) {
    Matcher m = RFC_3339.matcher(text);
    if (!m.matches()) {
      return null;
    }
    try {
      int nanos = 0;
      String fraction = m.group(7);
      if (fraction != null) {
        // Digits beyond nanoseconds are dropped, as Go does.
        String nine = (fraction + "000000000").substring(0, 9);
        nanos = Integer.parseInt(nine);
      }
      LocalDateTime local =
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Integer.parseInt(m.group(6)),
              nanos);
      long offsetSeconds = 0;
      if (m.group(8) == null) {
        // Go accepts offsets up to 23:59, beyond java.time.ZoneOffset's 18 hours.
        int hours = Integer.parseInt(m.group(10));
        int minutes = Integer.parseInt(m.group(11));
        if (hours > 23 || minutes > 59) {
          return null;
        }
        offsetSeconds = (m.group(9).equals("-") ? -1 : 1) * (hours * 3600L + minutes * 60L);
      }
      return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos);
    } catch (DateTimeException e) {
      return null;
    }
  }
}

package io.kesjava.crypto;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What a key store holds for one key name ({@code docs/formats.md#stored-keys}): a master key,
 * usually an HMAC key, the creation time and the creator's identity.
 *
 * <p>{@link #encode()} writes the current encoding, base64 of a protobuf message. {@link
 * #parse(byte[])} also reads the legacy JSON encoding of v0.22 and older, whose keys have no HMAC
 * key ({@link #isLegacy()}).
 *
 * <p>A version owns its keys: {@link #of} copies them, {@link #key()} and {@link #hmacKey()} return
 * the owned instances (do not close those), and {@link #close()} zeroes them.
 *
 * <p>Thread-safety: immutable, and safe for concurrent use until {@link #close()}.
 *
 * <p>Nullness: no argument is null unless documented; nothing returned is null.
 *
 * <p>Security: {@link #toString()} and exception messages never contain key material or the stored
 * value; parse errors say which field is wrong. Closing is best effort (see {@link SecretBytes}).
 */
public final class KeyVersion implements AutoCloseable {

  private final MasterKey key;
  private final HmacKey hmacKey;
  private final Instant createdAt;
  private final String createdBy;
  private final boolean legacy;

  /** Takes ownership of the keys without copying. */
  KeyVersion(MasterKey key, HmacKey hmacKey, Instant createdAt, String createdBy, boolean legacy) {
    this.key = key;
    this.hmacKey = hmacKey;
    this.createdAt = createdAt;
    this.createdBy = createdBy;
    this.legacy = legacy;
  }

  /**
   * Returns a version holding copies of the given keys.
   *
   * @param key the master key
   * @param hmacKey the HMAC key, or {@code null} for a version without one (it cannot be {@linkplain
   *     #encode() encoded})
   * @param createdAt the creation time
   * @param createdBy the creator's identity, may be empty
   * @throws NullPointerException if an argument other than {@code hmacKey} is null
   * @throws IllegalStateException if a key is closed
   */
  public static KeyVersion of(MasterKey key, HmacKey hmacKey, Instant createdAt, String createdBy) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    MasterKey keyCopy = key.copy();
    HmacKey hmacCopy = null;
    if (hmacKey != null) {
      try (SecretBytes h = hmacKey.secret()) {
        hmacCopy = HmacKey.of(h);
      }
    }
    return new KeyVersion(keyCopy, hmacCopy, createdAt, createdBy, false);
  }

  /**
   * Returns a new version with a random master key, a random HMAC key, the clock's current time and
   * the given creator, as the current server creates keys.
   *
   * @throws NullPointerException if an argument is null
   */
  public static KeyVersion generate(KeyAlgorithm algorithm, String createdBy, Clock clock) {
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdBy, "createdBy");
    Objects.requireNonNull(clock, "clock");
    return new KeyVersion(
        MasterKey.generate(algorithm), HmacKey.generate(), clock.instant(), createdBy, false);
  }

  /**
   * Parses a stored value ({@code docs/formats.md#stored-keys}): legacy JSON if the bytes are one
   * valid JSON value (surrounding whitespace allowed), otherwise strict base64 of a protobuf {@code
   * KeyVersion}.
   *
   * @param stored the exact bytes from the key store
   * @throws InvalidKeyVersionException if the value cannot be read; the message says why and never
   *     contains the value
   * @throws NullPointerException if {@code stored} is null
   */
  public static KeyVersion parse(byte[] stored) {
    Objects.requireNonNull(stored, "stored");
    Object json;
    try {
      json = Json.parse(stored);
    } catch (IllegalArgumentException notJson) {
      json = null;
    }
    if (json != null) {
      return LegacyKeyJson.read(json);
    }
    byte[] proto;
    try {
      proto = StrictBase64.decode(new String(stored, StandardCharsets.ISO_8859_1));
    } catch (IllegalArgumentException e) {
      throw InvalidKeyVersionException.invalid("neither legacy JSON nor base64");
    }
    try {
      return KeyVersionProto.decode(proto);
    } finally {
      Arrays.fill(proto, (byte) 0);
    }
  }

  /**
   * Encodes this version as KES stores it: ASCII base64 of the protobuf {@code KeyVersion},
   * byte-exact with the current server ({@code docs/formats.md#stored-keys}). The result contains
   * the keys; zero it when done.
   *
   * @throws IllegalStateException if this version has no HMAC key, or a key is closed
   */
  public byte[] encode() {
    if (hmacKey == null) {
      throw new IllegalStateException("a key version without an HMAC key cannot be encoded");
    }
    byte[] proto = KeyVersionProto.encode(this);
    try {
      return StrictBase64.encode(proto).getBytes(StandardCharsets.US_ASCII);
    } finally {
      Arrays.fill(proto, (byte) 0);
    }
  }

  /** The master key, owned by this version: do not close it. */
  public MasterKey key() {
    return key;
  }

  /** The HMAC key, owned by this version; empty for legacy versions. */
  public Optional<HmacKey> hmacKey() {
    return Optional.ofNullable(hmacKey);
  }

  /**
   * When the key was created: {@code 1970-01-01T00:00:00Z} if a protobuf version records no time,
   * {@code 0001-01-01T00:00:00Z} if a legacy one does not.
   */
  public Instant createdAt() {
    return createdAt;
  }

  /** The identity that created the key, or the empty string if unknown. */
  public String createdBy() {
    return createdBy;
  }

  /** Whether this version was parsed from the legacy JSON encoding. */
  public boolean isLegacy() {
    return legacy;
  }

  /** Zeroes the keys; further use of them throws {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    key.close();
    if (hmacKey != null) {
      hmacKey.close();
    }
  }

  /** Describes the version without key material. */
  @Override
  public String toString() {
    return "KeyVersion["
        + key.algorithm()
        + ", createdAt="
        + createdAt
        + ", createdBy="
        + createdBy
        + ", hmac="
        + (hmacKey != null)
        + ", legacy="
        + legacy
        + ", keys redacted]";
  }
}

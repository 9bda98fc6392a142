package io.kesjava.core;

import io.kesjava.crypto.KeyAlgorithm;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A key's metadata, as {@code /v1/key/describe} returns it ({@code
 * docs/http-api.md#describe-a-key}).
 *
 * @param name the key's name
 * @param algorithm the key's type
 * @param createdAt when it was created; the epoch or year 1 for keys that did not record it
 * @param createdBy the creator's identity; empty if unknown
 * @param versions every version of a rotated key, oldest first; empty for a key that was never
 *     rotated ({@code docs/rotation.md})
 */
public record KeyInfo(
    String name,
    KeyAlgorithm algorithm,
    Instant createdAt,
    String createdBy,
    List<KeyInfo.Version> versions) {

  /**
   * One version of a rotated key.
   *
   * @param version its name on the wire, a decimal number such as {@code 2}
   * @param createdAt when it was made
   * @param createdBy who made it (rotated the key); empty if unknown
   */
  public record Version(String version, Instant createdAt, String createdBy) {
    public Version {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(createdBy, "createdBy");
    }
  }

  public KeyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
    versions = List.copyOf(versions);
  }

  /** A key that was never rotated. */
  public KeyInfo(String name, KeyAlgorithm algorithm, Instant createdAt, String createdBy) {
    this(name, algorithm, createdAt, createdBy, List.of());
  }

  /** The current version of a rotated key (the newest); empty for a key never rotated. */
  public Optional<String> version() {
    return versions.isEmpty()
        ? Optional.empty()
        : Optional.of(versions.get(versions.size() - 1).version());
  }
}

package io.kesjava.crypto;

import java.util.Objects;

/**
 * The two master-key types of KES ({@code docs/formats.md#stored-keys}).
 *
 * <p>{@link #apiName()} is the name of the current API ({@code /v1/key/describe}, the import
 * {@code cipher}); {@link #legacyName()} the v0.22 name; {@link #protoType()} the number stored in a
 * key version.
 *
 * <p>Thread-safety: immutable.
 */
public enum KeyAlgorithm {
  /** AES-256-GCM under a per-message key HMAC-SHA256(K, iv). */
  AES256("AES256", "AES256-GCM_SHA256", 1),
  /** ChaCha20-Poly1305 under a per-message key HChaCha20(K, iv). */
  CHACHA20("ChaCha20", "XCHACHA20-POLY1305", 2);

  private final String apiName;
  private final String legacyName;
  private final int protoType;

  KeyAlgorithm(String apiName, String legacyName, int protoType) {
    this.apiName = apiName;
    this.legacyName = legacyName;
    this.protoType = protoType;
  }

  /** {@code AES256} or {@code ChaCha20}. */
  public String apiName() {
    return apiName;
  }

  /** {@code AES256-GCM_SHA256} or {@code XCHACHA20-POLY1305}. */
  public String legacyName() {
    return legacyName;
  }

  /** 1 or 2, the protobuf {@code SecretKey.Type}. */
  public int protoType() {
    return protoType;
  }

  /**
   * Parses a name as kms-go does: exactly {@code AES256}, {@code AES256-GCM_SHA256}, {@code
   * ChaCha20} or {@code XCHACHA20-POLY1305} (vectors {@code key-algorithm-text#*}).
   *
   * @throws IllegalArgumentException for any other text
   */
  public static KeyAlgorithm parse(String name) {
    Objects.requireNonNull(name, "name");
    for (KeyAlgorithm a : values()) {
      if (a.apiName.equals(name) || a.legacyName.equals(name)) {
        return a;
      }
    }
    throw new IllegalArgumentException("algorithm '" + name + "' is not supported");
  }

  /** Returns the type for a protobuf {@code SecretKey.Type}, or throws for an unknown number. */
  public static KeyAlgorithm ofProtoType(int type) {
    for (KeyAlgorithm a : values()) {
      if (a.protoType == type) {
        return a;
      }
    }
    throw new IllegalArgumentException("crypto: invalid secret key type '" + type + "'");
  }

  @Override
  public String toString() {
    return apiName;
  }
}

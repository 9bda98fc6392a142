package io.kesjava.core;

import java.util.Objects;

/**
 * The identity of a client: the lowercase hex SHA-256 of its certificate's SubjectPublicKeyInfo
 * ({@code formats.md} §1). Configured identities are compared as exact strings, so a placeholder
 * such as {@code disabled} is a valid identity that no certificate ever has.
 *
 * @param value the identity text, non-empty
 */
public record Identity(String value) {

  public Identity {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("identity is empty");
    }
  }

  /** Whether this is 64 lowercase hex characters: an identity a certificate can have. */
  public boolean isHex() {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}

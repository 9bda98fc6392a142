package io.kesjava.crypto;

import java.util.Objects;

/**
 * Thrown when a stored key version cannot be parsed ({@code docs/formats.md#stored-keys}): the
 * value is neither a valid legacy JSON key nor valid base64 protobuf, or a field is out of range
 * (for example {@code crypto: invalid secret key length '31'}). KES answers HTTP 502 {@code failed
 * to read key} when a key store holds such a value.
 *
 * <p>The message describes the problem and never contains key bytes or the stored value.
 *
 * <p>Thread-safety: immutable.
 */
public final class InvalidKeyVersionException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong; must not contain secret material
   * @throws NullPointerException if {@code message} is null
   */
  public InvalidKeyVersionException(String message) {
    super(Objects.requireNonNull(message, "message"));
  }

  /** A structural problem: {@code crypto: invalid key version: <what>}. */
  static InvalidKeyVersionException invalid(String what) {
    return new InvalidKeyVersionException("crypto: invalid key version: " + what);
  }
}

package io.kesjava.crypto;

/**
 * Thrown when a ciphertext does not decrypt: it was modified, was made under another key or with
 * another context, is truncated, or is not a ciphertext at all.
 *
 * <p>The message is always exactly {@value #MESSAGE}, whatever check failed ({@code
 * docs/formats.md#ciphertexts}), so that an answer reveals nothing about why; KES answers HTTP 400
 * with it.
 *
 * <p>Thread-safety: immutable.
 */
public final class NotAuthenticException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The one message: {@value}. */
  public static final String MESSAGE = "decryption failed: ciphertext is not authentic";

  /** Creates the exception with {@link #MESSAGE}. */
  public NotAuthenticException() {
    super(MESSAGE);
  }
}

package io.kesjava.core;

/** A ciphertext did not decrypt: it, its context or the key is wrong. The message is the same whatever check failed. KES status 400, message {@code decryption failed: ciphertext is not authentic}. */
public final class NotAuthenticException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "decryption failed: ciphertext is not authentic";

  /** Creates the error with KES's status and message. */
  public NotAuthenticException() {
    super(400, MESSAGE);
  }
}

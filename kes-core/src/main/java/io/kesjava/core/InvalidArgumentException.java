package io.kesjava.core;

/**
 * The request is invalid: a bad name or pattern, an unreadable body. Status 400 with a message that
 * says what is wrong.
 */
public final class InvalidArgumentException extends KesException {

  /** @param message what is wrong, as KES words it */
  public InvalidArgumentException(String message) {
    super(400, message);
  }
}

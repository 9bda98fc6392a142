package io.kesjava.core;

/** There is no key with that name. KES status 404, message {@code key does not exist}. */
public final class KeyNotFoundException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "key does not exist";

  /** Creates the error with KES's status and message. */
  public KeyNotFoundException() {
    super(404, MESSAGE);
  }
}

package io.kesjava.core;

/** A key with that name exists already. KES status 400, message {@code key already exists}. */
public final class KeyExistsException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "key already exists";

  /** Creates the error with KES's status and message. */
  public KeyExistsException() {
    super(400, MESSAGE);
  }
}

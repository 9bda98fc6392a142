package io.kesjava.core;

/** The identity is neither the admin nor assigned to a policy. KES status 404, message {@code identity does not exist}. */
public final class IdentityNotFoundException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "identity does not exist";

  /** Creates the error with KES's status and message. */
  public IdentityNotFoundException() {
    super(404, MESSAGE);
  }
}

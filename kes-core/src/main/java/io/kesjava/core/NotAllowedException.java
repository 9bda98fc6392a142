package io.kesjava.core;

/** The caller's policy does not allow the request. KES status 403, message {@code not authorized: insufficient permissions}. */
public final class NotAllowedException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "not authorized: insufficient permissions";

  /** Creates the error with KES's status and message. */
  public NotAllowedException() {
    super(403, MESSAGE);
  }
}

package io.kesjava.core;

/** There is no policy with that name. KES status 404, message {@code policy does not exist}. */
public final class PolicyNotFoundException extends KesException {

  /** The exact message KES sends. */
  public static final String MESSAGE = "policy does not exist";

  /** Creates the error with KES's status and message. */
  public PolicyNotFoundException() {
    super(404, MESSAGE);
  }
}

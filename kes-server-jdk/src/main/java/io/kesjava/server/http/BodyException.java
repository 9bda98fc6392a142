package io.kesjava.server.http;

import java.io.IOException;

/**
 * A request body that cannot be read as sent: badly framed, or longer than the route takes.
 *
 * <p>Thread-safety: immutable.
 */
final class BodyException extends IOException {

  private static final long serialVersionUID = 1L;

  private final boolean tooLarge;

  private BodyException(String message, boolean tooLarge) {
    super(message, null);
    this.tooLarge = tooLarge;
  }

  static BodyException malformed(String what) {
    return new BodyException(what, false);
  }

  static BodyException overLimit() {
    return new BodyException("body too large", true);
  }

  /** Whether the body is longer than the limit, rather than malformed. */
  boolean isOverLimit() {
    return tooLarge;
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this; // an answer to the client, not a failure to trace
  }
}

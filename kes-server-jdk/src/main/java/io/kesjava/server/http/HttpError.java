package io.kesjava.server.http;

/**
 * A request the HTTP layer refuses before any route sees it: its status and the message of the KES
 * error body ({@code {"message":...}}) that answers it. The connection is closed afterwards.
 *
 * <p>Thread-safety: immutable.
 */
final class HttpError extends Exception {

  private static final long serialVersionUID = 1L;

  static final String MALFORMED = "malformed HTTP request";

  private final int status;

  HttpError(int status, String message) {
    super(message, null, false, false); // no stack trace: it is an answer, not a failure
    this.status = status;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, message);
  }

  int status() {
    return status;
  }
}

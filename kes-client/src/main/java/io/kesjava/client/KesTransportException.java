package io.kesjava.client;

/**
 * A request did not get a KES answer: no endpoint could be reached, the TLS handshake failed, the
 * connection broke, the call timed out, or the server answered with something that is not KES's
 * API (an unexpected redirect, a malformed body). It is a {@link io.kesjava.core.KesException}
 * whose {@link #status()} is {@link io.kesjava.core.KesException#NO_RESPONSE} ({@code 0}): there is
 * no HTTP status to report, and no server answers with that one. The cause, when there is one, is
 * the last failure seen.
 *
 * <p>Whether the request took effect on the server is unknown when the connection broke after the
 * request was sent.
 *
 * <p>Security: messages name endpoints and failures, never request or response bodies.
 */
public final class KesTransportException extends io.kesjava.core.KesException {

  /**
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   */
  public KesTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.kesjava.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of the HTTP connection layer: how long a request head may take, how long a
 * keep-alive connection may wait for its next request, how large a head may be, and how many
 * connections are served at once. Route timeouts (body and handling) are per route, not here.
 *
 * <p>Thread-safety: immutable.
 *
 * @param headerTimeout from the accepted connection (its TLS handshake included), or from the
 *     first byte of a later request, to the end of the request head; the connection is closed
 *     when it passes (KES: 5 seconds)
 * @param idleTimeout how long a keep-alive connection may wait for the first byte of its next
 *     request (KES: 90 seconds)
 * @param maxHeadBytes the most bytes of a request line and header fields; beyond, 431
 * @param maxHeaderFields the most header fields of a request; beyond, 431
 * @param maxConnections the most connections open at once; further ones wait in the kernel's
 *     accept queue until one ends
 */
public record HttpLimits(
    Duration headerTimeout,
    Duration idleTimeout,
    int maxHeadBytes,
    int maxHeaderFields,
    int maxConnections) {

  /** KES's header and idle timeouts; 64 KiB and 100 fields of head; 10,000 connections. */
  public static final HttpLimits DEFAULT =
      new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(90), 64 * 1024, 100, 10_000);

  /**
   * @throws IllegalArgumentException if a timeout or a limit is not positive
   */
  public HttpLimits {
    Objects.requireNonNull(headerTimeout, "headerTimeout");
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (headerTimeout.isNegative() || headerTimeout.isZero() || idleTimeout.isNegative()
        || idleTimeout.isZero()) {
      throw new IllegalArgumentException("timeouts must be positive");
    }
    if (maxHeadBytes < 1024 || maxHeaderFields < 1 || maxConnections < 1) {
      throw new IllegalArgumentException(
          "head limit must be at least 1024 bytes, field and connection limits positive");
    }
  }

  /** These limits with another connection limit. */
  public HttpLimits withMaxConnections(int max) {
    return new HttpLimits(headerTimeout, idleTimeout, maxHeadBytes, maxHeaderFields, max);
  }

  /** These limits with other header and idle timeouts. */
  public HttpLimits withTimeouts(Duration header, Duration idle) {
    return new HttpLimits(header, idle, maxHeadBytes, maxHeaderFields, maxConnections);
  }
}

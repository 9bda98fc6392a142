package io.kesjava.server;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-route settings of the {@code api} section of the config ({@code docs/configuration.md#api}).
 *
 * @param timeout the route's response timeout; zero keeps the route's default
 * @param skipAuth whether the route skips authentication and policy checks: anyone who completes
 *     the TLS handshake may call it
 */
public record RouteSettings(Duration timeout, boolean skipAuth) {

  /**
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public RouteSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
  }
}

package io.kesjava.server.config;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of the {@code api} section ({@code docs/configuration.md#api}).
 *
 * @param timeout {@code api.<path>.timeout}: replaces the route's response timeout when positive;
 *     zero keeps the route's default
 * @param skipAuth {@code api.<path>.skip_auth}: the route neither authenticates nor authorizes
 *
 * <p>Thread-safety: immutable.
 */
public record ApiRouteConfig(Duration timeout, boolean skipAuth) {

  /** @throws IllegalArgumentException if {@code timeout} is negative */
  public ApiRouteConfig {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative");
    }
  }
}

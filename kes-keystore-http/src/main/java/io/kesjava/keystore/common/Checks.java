package io.kesjava.keystore.common;

import java.time.Duration;
import java.util.Objects;

/**
 * The argument checks the backends' builders share, with one wording for each.
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: stateless.
 */
public final class Checks {

  private Checks() {}

  /**
   * Returns {@code timeout} if it is positive.
   *
   * @throws IllegalArgumentException {@code timeout must be positive} if it is zero or negative
   * @throws NullPointerException if it is null
   */
  public static Duration positive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return timeout;
  }

  /**
   * Checks the waits of a retry backoff: a fixed part and a random part.
   *
   * @throws IllegalArgumentException {@code retry waits must not be negative} if either is
   * @throws NullPointerException if either is null
   */
  public static void notNegative(Duration base, Duration jitter) {
    if (Objects.requireNonNull(base, "base").isNegative()
        || Objects.requireNonNull(jitter, "jitter").isNegative()) {
      throw new IllegalArgumentException("retry waits must not be negative");
    }
  }

  /**
   * Checks an exponential backoff: from {@code base} up to {@code max}.
   *
   * @throws IllegalArgumentException {@code backoff needs 0 < base <= max} otherwise
   * @throws NullPointerException if either is null
   */
  public static void backoff(Duration base, Duration max) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(max, "max");
    if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("backoff needs 0 < base <= max");
    }
  }

  /**
   * Returns {@code value} if it is at least {@code min}.
   *
   * @throws IllegalArgumentException {@code <name> must be at least <min>: <value>} otherwise
   */
  public static int atLeast(int min, int value, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + ": " + value);
    }
    return value;
  }
}

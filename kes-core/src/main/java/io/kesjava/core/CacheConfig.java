package io.kesjava.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link KesEngine} keeps keys it read from the key store ({@code
 * docs/migrating-from-go-kes.md}: cache expiry). A zero duration turns that expiry off.
 *
 * @param any every key is read again from the store at least this often (default 5 minutes)
 * @param unused a key not used for this long is dropped (default 30 seconds)
 * @param offline while the store fails to answer, a key keeps being served for up to this long
 *     after it would have expired: at most {@code any + offline} after it was last read from the
 *     store (default 0: off)
 */
public record CacheConfig(Duration any, Duration unused, Duration offline) {

  public CacheConfig {
    requireNotNegative(any, "any");
    requireNotNegative(unused, "unused");
    requireNotNegative(offline, "offline");
  }

  /** The documented defaults: any 5m, unused 30s, offline off. */
  public static CacheConfig defaults() {
    return new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO);
  }

  private static void requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("cache expiry '" + name + "' must not be negative: " + d);
    }
  }
}

package io.kesjava.keystore.vault;

import java.time.Duration;
import java.time.Instant;

/**
 * A Vault token and what the store knows of its life.
 *
 * @param value the token; never printed
 * @param ttl its lease from {@code obtainedAt}; zero for a token that never expires
 * @param renewable whether renewing it can still extend its life
 * @param obtainedAt when the login or renewal answered
 */
record VaultToken(String value, Duration ttl, boolean renewable, Instant obtainedAt) {

  /** A request is not handed a token that dies within this much of its end. */
  static final Duration MAX_MARGIN = Duration.ofSeconds(5);

  boolean expires() {
    return !ttl.isZero();
  }

  /** When the token dies; {@link Instant#MAX} if never. */
  Instant expiresAt() {
    return expires() ? obtainedAt.plus(ttl) : Instant.MAX;
  }

  /** When the background session renews it: after 80% of its lease. */
  Instant renewAt() {
    return obtainedAt.plus(ttl.multipliedBy(4).dividedBy(5));
  }

  /** Whether a request sent at {@code now} can still use it. */
  boolean usableAt(Instant now) {
    if (!expires()) {
      return true;
    }
    Duration margin = ttl.dividedBy(10);
    if (margin.compareTo(MAX_MARGIN) > 0) {
      margin = MAX_MARGIN;
    }
    return now.isBefore(expiresAt().minus(margin));
  }

  @Override
  public String toString() {
    return "VaultToken[redacted, ttl=" + ttl + ", renewable=" + renewable + "]";
  }
}

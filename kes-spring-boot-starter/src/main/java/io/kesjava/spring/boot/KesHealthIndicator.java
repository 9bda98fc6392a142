package io.kesjava.spring.boot;

import io.kesjava.client.KesClient;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KesException;
import io.kesjava.core.StatusInfo;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code kes} health of Actuator: {@code UP} when {@link Kes#status()} answers and the key store
 * is reachable, {@code DOWN} otherwise. Details: the mode, the server's version, the key store's
 * probe latency, and for a failure the KES error (status and message) or the transport failure.
 * No credential, key or key name is ever a detail.
 *
 * <p>A client's identity needs {@code /v1/status} in its policy for this check; without it the
 * health is {@code DOWN} with the error {@code not authorized: insufficient permissions}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public class KesHealthIndicator implements HealthIndicator {

  private final Kes kes;

  /** The health of {@code kes}. */
  public KesHealthIndicator(Kes kes) {
    this.kes = Objects.requireNonNull(kes, "kes");
  }

  @Override
  public Health health() {
    Health.Builder health = new Health.Builder();
    if (kes instanceof KesClient client) {
      health.withDetail("mode", "client").withDetail("endpoints", client.endpoints());
    } else if (kes instanceof KesEngine) {
      health.withDetail("mode", "embedded");
    }
    StatusInfo status;
    try {
      status = kes.status();
    } catch (KesException e) {
      return health.down().withDetail("error", e.getMessage()).withDetail("status", e.status())
          .build();
    } catch (RuntimeException e) {
      // A client's transport failure (its message names the endpoint and the failure, no data).
      return health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
    health.withDetail("version", status.version());
    if (status.keystoreUnreachable() || status.keystoreLatency().isEmpty()) {
      return health.down().withDetail("keyStore", "unreachable").build();
    }
    return health.up()
        .withDetail("keyStore", "reachable")
        .withDetail("keyStoreLatency", status.keystoreLatency().get().toString())
        .build();
  }
}

package io.kesjava.keystore.vault;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Probes {@code sys/health} and remembers whether Vault is sealed ({@code
 * docs/keystores/vault.md}). A background poll every {@code ping} keeps the sealed state fresh;
 * while it says sealed, data operations fail at once and token renewal pauses.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class VaultHealth {

  private static final System.Logger LOG = System.getLogger(VaultKeyStore.class.getName());

  /** Vault answers 200 in every state, so that the body tells the state. */
  private static final Map<String, String> QUERY = new LinkedHashMap<>();

  static {
    QUERY.put("uninitcode", "299");
    QUERY.put("sealedcode", "299");
    QUERY.put("standbycode", "299");
    QUERY.put("drsecondarycode", "299");
    QUERY.put("performancestandbycode", "299");
  }

  private final VaultHttp http;
  private final Duration ping;
  private final Scheduler scheduler;
  private volatile boolean sealed;
  private volatile boolean closed;

  VaultHealth(VaultHttp http, Duration ping, Scheduler scheduler) {
    this.http = http;
    this.ping = ping;
    this.scheduler = scheduler;
  }

  /** Starts the background poll, first run at once; a zero ping means no poll. */
  void start() {
    if (!ping.isZero()) {
      scheduler.schedule(this::poll, Duration.ZERO);
    }
  }

  /** The sealed state of the last successful probe. */
  boolean sealed() {
    return sealed;
  }

  /**
   * Probes Vault and returns how long the probe took.
   *
   * @throws KeyStoreUnreachableException if Vault cannot be reached, is not initialized or sealed
   */
  Duration probe() {
    long start = System.nanoTime();
    VaultHttp.Reply reply =
        http.send("GET", List.of("sys", "health"), QUERY, null, null, "", Set.of());
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    if (!reply.ok()) {
      throw new KeyStoreException("vault: health check failed: " + http.describe(reply, Set.of()));
    }
    boolean nowSealed = reply.body().path("sealed").asBoolean(false);
    if (nowSealed != sealed) {
      LOG.log(Level.WARNING, nowSealed ? "vault: Vault is sealed" : "vault: Vault is unsealed");
    }
    sealed = nowSealed;
    if (!reply.body().path("initialized").asBoolean(true)) {
      throw new KeyStoreUnreachableException("vault: not initialized");
    }
    if (nowSealed) {
      throw new KeyStoreUnreachableException("vault: key store is sealed");
    }
    return latency;
  }

  /** One background probe, then the next one after {@code ping}. */
  void poll() {
    if (closed) {
      return;
    }
    try {
      probe();
    } catch (KeyStoreException e) {
      LOG.log(Level.DEBUG, e.getMessage());
    }
    scheduler.schedule(this::poll, ping);
  }

  void close() {
    closed = true;
  }
}

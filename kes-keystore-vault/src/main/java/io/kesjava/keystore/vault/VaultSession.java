package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.Redactor;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Keeps a live Vault token ({@code docs/keystores/vault.md}): logs in, renews the token in the
 * background before it expires, and logs in again when renewal is no longer possible or Vault
 * rejects the token.
 *
 * <p>Requests never get a token known to be dead: {@link #token()} logs in first when the current
 * one is expired or about to be. Concurrent callers share one login.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class VaultSession implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(VaultKeyStore.class.getName());

  /** How often renewal waits while Vault is sealed. */
  static final Duration SEALED_WAIT = Duration.ofSeconds(1);

  private final VaultHttp http;
  private final VaultLogin login;
  private final String namespace;
  private final Clock clock;
  private final Scheduler scheduler;
  private final Redactor redactor;
  private final BooleanSupplier sealed;
  private final Object lock = new Object();

  /** Whether a {@link #maintain} run is pending, so that there is only ever one chain of them. */
  private final AtomicBoolean pending = new AtomicBoolean();

  private volatile VaultToken current;
  private volatile boolean closed;

  VaultSession(
      VaultHttp http,
      VaultLogin login,
      String namespace,
      Clock clock,
      Scheduler scheduler,
      Redactor redactor,
      BooleanSupplier sealed) {
    this.http = http;
    this.login = login;
    this.namespace = namespace;
    this.clock = clock;
    this.scheduler = scheduler;
    this.redactor = redactor;
    this.sealed = sealed;
    if (login instanceof AppRoleLogin a) {
      redactor.add(a.roleId());
      redactor.add(a.secretId());
    } else if (login instanceof KubernetesLogin k && k.jwtFile().isEmpty()) {
      redactor.add(k.jwt());
    }
  }

  /** Logs in for the first time, which starts background renewal. */
  void start() {
    token();
  }

  /** A token that is alive now, logging in first if needed. */
  VaultToken token() {
    VaultToken t = current;
    if (t != null && t.usableAt(clock.instant())) {
      return t;
    }
    synchronized (lock) {
      t = current;
      if (t != null && t.usableAt(clock.instant())) {
        return t;
      }
      return replace(t, login());
    }
  }

  /**
   * Whether Vault still accepts {@code token}, asked after it answered 403: a dead token fails its
   * own lookup, while a token that merely lacks a permission passes it.
   */
  boolean alive(VaultToken token) {
    VaultHttp.Reply reply =
        http.send(
            "GET",
            List.of("auth", "token", "lookup-self"),
            Map.of(),
            null,
            token.value(),
            namespace,
            Set.of());
    return reply.status() != 403 && reply.status() != 401;
  }

  /** Forgets {@code dead} so that the next {@link #token()} logs in; no-op if already replaced. */
  void invalidate(VaultToken dead) {
    synchronized (lock) {
      if (current == dead) {
        LOG.log(Level.INFO, "vault: token rejected; logging in again");
        replace(dead, null);
      }
    }
  }

  /** Renews or replaces the token when it is due; runs on the scheduler. */
  void maintain() {
    pending.set(false);
    if (closed) {
      return;
    }
    if (sealed.getAsBoolean()) {
      scheduleMaintain(SEALED_WAIT);
      return;
    }
    try {
      VaultToken t = current;
      Instant now = clock.instant();
      if (t == null || !t.usableAt(now)) {
        t = token();
      } else if (t.expires() && !now.isBefore(t.renewAt())) {
        VaultToken renewed = t.renewable() ? renew(t) : null;
        synchronized (lock) {
          if (current == t) {
            t = replace(t, renewed != null ? renewed : login());
          } else {
            t = current;
          }
        }
      }
      scheduleRenewal(t);
    } catch (RuntimeException e) {
      // Keep the chain alive whatever failed; our own exceptions carry no secret.
      String why = e instanceof KeyStoreException ? e.getMessage() : e.getClass().getName();
      LOG.log(Level.WARNING, why + "; trying again in " + login.retry());
      scheduleMaintain(login.retry());
    }
  }

  private void scheduleRenewal(VaultToken t) {
    if (t != null && t.expires()) {
      scheduleMaintain(Duration.between(clock.instant(), t.renewAt()));
    }
  }

  private void scheduleMaintain(Duration delay) {
    if (!closed && pending.compareAndSet(false, true)) {
      scheduler.schedule(this::maintain, delay);
    }
  }

  /** Up to 3 attempts of {@code renew-self}; null when renewal cannot extend the token. */
  private VaultToken renew(VaultToken t) {
    ObjectNode body = http.json().createObjectNode().put("increment", 0);
    for (int attempt = 0; attempt < 3; attempt++) {
      VaultHttp.Reply reply;
      try {
        reply =
            http.send(
                "PUT",
                List.of("auth", "token", "renew-self"),
                Map.of(),
                body,
                t.value(),
                namespace,
                Set.of());
      } catch (KeyStoreException e) {
        LOG.log(Level.DEBUG, "vault: token renewal failed: " + e.getMessage());
        continue;
      }
      if (reply.ok()) {
        JsonNode auth = reply.body().path("auth");
        Duration ttl = Duration.ofSeconds(auth.path("lease_duration").asLong(0));
        if (ttl.isZero() || ttl.isNegative()) {
          return null;
        }
        // A lease shorter than before means Vault capped it at the token's max TTL: renewing
        // again cannot help, so the next due time logs in instead.
        boolean more = auth.path("renewable").asBoolean(false) && ttl.compareTo(t.ttl()) >= 0;
        LOG.log(Level.DEBUG, "vault: token renewed for " + ttl);
        return new VaultToken(t.value(), ttl, more, clock.instant());
      }
      LOG.log(Level.DEBUG, "vault: token renewal failed: " + http.describe(reply, Set.of()));
      if (reply.status() >= 400 && reply.status() < 500) {
        break;
      }
    }
    return null;
  }

  /** One login call; throws if it fails. */
  private VaultToken login() {
    ObjectNode body = http.json().createObjectNode();
    Set<String> secrets;
    if (login instanceof AppRoleLogin a) {
      body.put("role_id", a.roleId()).put("secret_id", a.secretId());
      secrets = Set.of();
    } else {
      KubernetesLogin k = (KubernetesLogin) login;
      String jwt = k.jwt();
      body.put("role", k.role()).put("jwt", jwt);
      secrets = Set.of(jwt);
    }
    String ns = login.namespace().equals("/") ? "" : login.namespace();
    if (login.namespace().isEmpty()) {
      ns = namespace;
    }
    VaultHttp.Reply reply =
        http.send(
            "PUT",
            VaultPaths.join("auth", login.engine(), "login"),
            Map.of(),
            body,
            null,
            ns,
            secrets);
    if (!reply.ok()) {
      throw new KeyStoreException("vault: authentication failed: " + http.describe(reply, secrets));
    }
    JsonNode auth = reply.body().path("auth");
    String token = auth.path("client_token").asText("");
    if (token.isEmpty()) {
      throw new KeyStoreException("vault: authentication failed: Vault answered without a token");
    }
    Duration ttl = Duration.ofSeconds(auth.path("lease_duration").asLong(0));
    boolean renewable = auth.path("renewable").asBoolean(false);
    LOG.log(
        Level.INFO,
        "vault: logged in on auth/"
            + login.engine()
            + " (ttl "
            + ttl
            + ", renewable "
            + renewable
            + ")");
    return new VaultToken(token, ttl, renewable, clock.instant());
  }

  /**
   * Makes {@code next} current (under the lock), keeps the redactor's token list short, and makes
   * sure a renewal is scheduled for a token that expires.
   */
  private VaultToken replace(VaultToken previous, VaultToken next) {
    current = next;
    if (next != null) {
      redactor.add(next.value());
      scheduleRenewal(next);
    }
    if (previous != null && (next == null || !previous.value().equals(next.value()))) {
      redactor.remove(previous.value());
    }
    return next;
  }

  @Override
  public void close() {
    closed = true;
  }
}

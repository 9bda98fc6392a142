package io.kesjava.keystore.entrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The KeyControl session of a store: login, renewal and login again, as {@code
 * docs/keystores/entrust.md} describes.
 *
 * <p>The first login happens when the store is built. A session is renewed ({@code
 * /vault/1.0/Renew/}) once half of its remaining lifetime has passed (5 minutes when KeyControl
 * sends no usable expiry); when the renewal fails, or the session has already expired, the store
 * logs in again. This happens when a request asks for the token: no thread runs in the background,
 * and the injected clock decides, so tests move time instead of sleeping. When both fail, the
 * current token stays in use while it is valid, and nothing is tried again for {@link
 * #RETRY_INTERVAL}. A token KeyControl rejects can be dropped with {@link #invalidate}; the next
 * request logs in again.
 *
 * <p>Thread-safety: safe for concurrent use; one thread renews while the others wait. Security: the
 * password and the tokens never reach a log or a message.
 */
final class Sessions {

  /** How long to wait after a failed login before the next attempt. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

  /** The lifetime assumed when KeyControl sends no expiry, and the fallback renewal delay. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  private static final System.Logger LOG = System.getLogger(Sessions.class.getName());

  private final KeyControlHttp http;
  private final String vaultId;
  private final String username;
  private final String password;
  private final Clock clock;

  // All guarded by this.
  private String token;
  private Instant renewAt = Instant.MIN;
  private Instant expiresAt = Instant.MIN;
  private Instant nextAttempt = Instant.MIN;
  private KeyStoreException lastFailure;

  Sessions(KeyControlHttp http, String vaultId, String username, String password, Clock clock) {
    this.http = http;
    this.vaultId = vaultId;
    this.username = username;
    this.password = password;
    this.clock = clock;
  }

  /**
   * A valid session token; renewed, or a new login, first when due.
   *
   * @throws KeyStoreUnreachableException if there is no valid token because KeyControl cannot be
   *     reached
   * @throws KeyStoreException if KeyControl refuses the login
   */
  synchronized String current() {
    Instant now = clock.instant();
    if (token != null && now.isBefore(renewAt)) {
      return token;
    }
    boolean valid = token != null && now.isBefore(expiresAt);
    if (now.isBefore(nextAttempt)) {
      if (valid) {
        return token;
      }
      throw again(lastFailure);
    }
    try {
      if (valid) {
        try {
          accept(
              http.send(
                  http.post("Renew", null, null, token, false), "failed to renew the session"),
              "renew",
              now);
          return token;
        } catch (KeyStoreException e) {
          LOG.log(
              Level.DEBUG, "keycontrol: renewal failed ({0}); logging in again", e.getMessage());
        }
      }
      login(now);
      return token;
    } catch (KeyStoreException e) {
      lastFailure = e;
      nextAttempt = now.plus(RETRY_INTERVAL);
      LOG.log(
          Level.WARNING,
          "keycontrol: failed to log in ({0}); {1}; next attempt in {2}",
          e.getMessage(),
          valid ? "the current session stays in use until it expires" : "no valid session",
          RETRY_INTERVAL);
      if (valid) {
        return token;
      }
      throw e;
    }
  }

  /** Drops {@code rejected} if it is still the current token: KeyControl no longer accepts it. */
  synchronized void invalidate(String rejected) {
    if (rejected.equals(token)) {
      token = null;
      renewAt = Instant.MIN;
      expiresAt = Instant.MIN;
    }
  }

  private void login(Instant now) {
    ObjectNode body = KeyControlHttp.JSON.createObjectNode();
    body.put("username", username);
    body.put("password", password);
    accept(http.send(http.post("Login", vaultId, body, null, true), "login failed"), "login", now);
  }

  /** Takes the token and expiry of a login or renewal answer. */
  private void accept(KeyControlHttp.Reply reply, String step, Instant now) {
    String context = step.equals("login") ? "login failed" : "failed to renew the session";
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    JsonNode answer = reply.json();
    String accessToken = answer.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw new KeyStoreException("keycontrol: " + context + ": auth token is empty");
    }
    Instant expiry = now.plus(DEFAULT_LIFETIME);
    String expiresText = answer.path("expires_at").asText("");
    if (!expiresText.isEmpty()) {
      try {
        expiry = OffsetDateTime.parse(expiresText).toInstant();
      } catch (DateTimeParseException e) {
        LOG.log(
            Level.WARNING,
            "keycontrol: the session expiry ''{0}'' is not an RFC 3339 time; assuming {1}",
            expiresText,
            DEFAULT_LIFETIME);
      }
    }
    Duration remaining = Duration.between(now, expiry);
    Duration renewAfter =
        remaining.isNegative() || remaining.isZero() ? DEFAULT_LIFETIME : remaining.dividedBy(2);
    http.redactToken(accessToken);
    token = accessToken;
    expiresAt = expiry.isAfter(now) ? expiry : now.plus(DEFAULT_LIFETIME);
    renewAt = now.plus(renewAfter);
    nextAttempt = Instant.MIN;
    lastFailure = null;
    LOG.log(Level.DEBUG, "keycontrol: {0} succeeded; session valid until {1}", step, expiresAt);
  }

  /** A fresh exception of the same kind as {@code failure}, for this caller's stack. */
  private static KeyStoreException again(KeyStoreException failure) {
    String message = "keycontrol: no valid session; the last login failed: " + failure.getMessage();
    return failure instanceof KeyStoreUnreachableException
        ? new KeyStoreUnreachableException(message, failure)
        : new KeyStoreException(message, failure);
  }
}

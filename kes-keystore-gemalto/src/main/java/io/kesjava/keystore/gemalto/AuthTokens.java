package io.kesjava.keystore.gemalto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The short-lived bearer tokens KeySecure issues for the refresh token ({@code
 * docs/keystores/gemalto.md}).
 *
 * <p>A token is renewed once half its lifetime has passed, when a request asks for one: no thread
 * runs in the background, and the injected clock decides, so tests move time instead of sleeping.
 * When a renewal fails the current token is used while it is still valid, and the next attempt
 * waits for the retry interval ({@code credentials.retry}; KES waits 5 s), so that an unreachable
 * KeySecure is not asked again on every request. A token KeySecure rejects can be dropped with
 * {@link #invalidate}, after which the next request asks for a new one.
 *
 * <p>Thread-safety: safe for concurrent use; one thread renews while the others wait. Security: the
 * refresh token and the bearer tokens never reach a log or a message.
 */
final class AuthTokens {

  private static final System.Logger LOG = System.getLogger(AuthTokens.class.getName());

  private final KeySecureHttp http;
  private final String refreshToken;
  private final String domain;
  private final Clock clock;
  private final Duration retryInterval;

  // All guarded by this.
  private String token;
  private Instant renewAt = Instant.MIN;
  private Instant expiresAt = Instant.MIN;
  private Instant nextAttempt = Instant.MIN;
  private KeyStoreException lastFailure;

  AuthTokens(
      KeySecureHttp http, String refreshToken, String domain, Clock clock, Duration retryInterval) {
    this.http = http;
    this.refreshToken = refreshToken;
    this.domain = domain;
    this.clock = clock;
    this.retryInterval = retryInterval;
  }

  /**
   * A valid bearer token, renewed first when half its lifetime has passed.
   *
   * @throws KeyStoreUnreachableException if no valid token can be had because KeySecure cannot be
   *     reached
   * @throws KeyStoreException if KeySecure refuses the refresh token or answers nonsense
   */
  synchronized String current() {
    Instant now = clock.instant();
    if (token != null && now.isBefore(renewAt)) {
      return token;
    }
    if (now.isBefore(nextAttempt)) {
      if (token != null && now.isBefore(expiresAt)) {
        return token;
      }
      throw again(lastFailure);
    }
    try {
      renew(now);
      return token;
    } catch (KeyStoreException e) {
      lastFailure = e;
      nextAttempt = now.plus(retryInterval);
      boolean stillValid = token != null && now.isBefore(expiresAt);
      LOG.log(
          Level.WARNING,
          "gemalto: failed to renew the auth token ({0}); {1}; next attempt in {2}",
          e.getMessage(),
          stillValid ? "the current token stays in use until it expires" : "no valid token",
          retryInterval);
      if (stillValid) {
        return token;
      }
      throw e;
    }
  }

  /** Drops {@code rejected} if it is still the current token: KeySecure no longer accepts it. */
  synchronized void invalidate(String rejected) {
    if (rejected.equals(token)) {
      token = null;
      renewAt = Instant.MIN;
      expiresAt = Instant.MIN;
    }
  }

  private void renew(Instant now) {
    ObjectNode body = KeySecureHttp.JSON.createObjectNode();
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    body.put("domain", domain);
    String context = "failed to authenticate";
    KeySecureHttp.Reply reply =
        http.send(
            http.request("api/v1/auth/tokens").post(KeySecureHttp.body(body)).build(), context);
    if (reply.status() != 200) {
      throw http.failure(reply, context);
    }
    JsonNode answer = reply.json();
    String jwt = answer.path("jwt").asText("");
    if (jwt.isEmpty()) {
      throw new KeyStoreException(
          "gemalto: " + context + ": server response does not contain an auth token");
    }
    String type = answer.path("token_type").asText("");
    if (!type.equals("Bearer")) {
      throw new KeyStoreException(
          "gemalto: " + context + ": unexpected auth token type '" + http.scrub(type) + "'");
    }
    long seconds = answer.path("duration").asLong(0);
    if (seconds <= 0) {
      throw new KeyStoreException(
          "gemalto: " + context + ": invalid auth token expiry '" + seconds + "'");
    }
    Duration lifetime = Duration.ofSeconds(seconds);
    http.redactToken(jwt);
    token = jwt;
    expiresAt = now.plus(lifetime);
    renewAt = now.plus(lifetime.dividedBy(2));
    nextAttempt = Instant.MIN;
    lastFailure = null;
    LOG.log(Level.DEBUG, "gemalto: new auth token, valid for {0}", lifetime);
  }

  /** A fresh exception of the same kind as {@code failure}, for this caller's stack. */
  private static KeyStoreException again(KeyStoreException failure) {
    String message =
        "gemalto: no valid auth token; the last attempt failed: " + failure.getMessage();
    return failure instanceof KeyStoreUnreachableException
        ? new KeyStoreUnreachableException(message, failure)
        : new KeyStoreException(message, failure);
  }
}

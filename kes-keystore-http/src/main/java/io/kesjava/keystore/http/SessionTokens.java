package io.kesjava.keystore.http;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The short-lived session token of a REST key store (Gemalto's bearer tokens, Entrust's sessions):
 * obtained when first asked for, renewed once it is due, and kept in use while it is valid when a
 * renewal fails ({@code docs/keystores/README.md}).
 *
 * <p>Renewal happens when a request asks for the token ({@link #current()}): no thread runs in the
 * background, and the injected clock decides, so tests move time instead of sleeping. When the
 * {@link Source} fails, the failure is logged as a warning, the current token is used while it is
 * still valid, and nothing is tried again for the retry interval, so that an unreachable vendor is
 * not asked again on every request; once no valid token is left, requests fail with the last
 * failure. A token the vendor rejects can be dropped with {@link #invalidate}; the next request
 * then asks for a new one.
 *
 * <p>Every token is handed to the store's {@link Redactor} ({@link Redactor#addRecent}) before it
 * is used. Shared plumbing of the REST key-store backends, not an API for applications: see the
 * {@linkplain io.kesjava.keystore.http package}.
 *
 * <p>Thread-safety: safe for concurrent use; one thread renews while the others wait. Security:
 * tokens never reach a log or a message.
 */
public final class SessionTokens {

  /**
   * A token and its times.
   *
   * @param token the token
   * @param renewAt when it is due for renewal
   * @param expiresAt when it stops being valid
   */
  public record Grant(String token, Instant renewAt, Instant expiresAt) {
    /** Checks that nothing is null. */
    public Grant {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(renewAt, "renewAt");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }
  }

  /** Obtains the next token from the vendor. */
  @FunctionalInterface
  public interface Source {
    /**
     * A new token, or the renewal of the current one.
     *
     * @param current the current token while it is still valid (a renewal may extend it), else
     *     null
     * @param now the clock's time
     * @throws KeyStoreException if the vendor refuses, cannot be reached or answers nonsense
     */
    Grant next(String current, Instant now);
  }

  /**
   * The words of the store's messages about its tokens.
   *
   * @param failed the start of the warning when the source fails, such as {@code gemalto: failed
   *     to renew the auth token}
   * @param noun what a token is called in the warning, such as {@code token} or {@code session}
   * @param noValid the start of the message when no valid token is left and the next attempt is
   *     not due yet, followed by the last failure's message, such as {@code gemalto: no valid auth
   *     token; the last attempt failed: }
   */
  public record Wording(String failed, String noun, String noValid) {
    /** Checks that nothing is null. */
    public Wording {
      Objects.requireNonNull(failed, "failed");
      Objects.requireNonNull(noun, "noun");
      Objects.requireNonNull(noValid, "noValid");
    }
  }

  private final Source source;
  private final Clock clock;
  private final Duration retryInterval;
  private final Redactor redactor;
  private final System.Logger log;
  private final Wording wording;

  // All guarded by this.
  private String token;
  private Instant renewAt = Instant.MIN;
  private Instant expiresAt = Instant.MIN;
  private Instant nextAttempt = Instant.MIN;
  private KeyStoreException lastFailure;

  /**
   * @param source obtains tokens
   * @param clock decides when a token is due and valid
   * @param retryInterval how long to wait after a failure before the next attempt
   * @param redactor learns every token
   * @param log where failures are logged: the backend's own logger
   * @param wording the words of the messages
   */
  public SessionTokens(
      Source source,
      Clock clock,
      Duration retryInterval,
      Redactor redactor,
      System.Logger log,
      Wording wording) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.retryInterval = Objects.requireNonNull(retryInterval, "retryInterval");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
    this.log = Objects.requireNonNull(log, "log");
    this.wording = Objects.requireNonNull(wording, "wording");
  }

  /**
   * A valid token; renewed first when due.
   *
   * @throws KeyStoreUnreachableException if no valid token can be had because the vendor cannot be
   *     reached
   * @throws KeyStoreException if the vendor refuses or answers nonsense and no valid token is left
   */
  public synchronized String current() {
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
      Grant grant = source.next(valid ? token : null, now);
      redactor.addRecent(grant.token());
      token = grant.token();
      renewAt = grant.renewAt();
      expiresAt = grant.expiresAt();
      nextAttempt = Instant.MIN;
      lastFailure = null;
      return token;
    } catch (KeyStoreException e) {
      lastFailure = e;
      nextAttempt = now.plus(retryInterval);
      log.log(
          Level.WARNING,
          wording.failed() + " ({0}); {1}; next attempt in {2}",
          e.getMessage(),
          valid
              ? "the current " + wording.noun() + " stays in use until it expires"
              : "no valid " + wording.noun(),
          retryInterval);
      if (valid) {
        return token;
      }
      throw e;
    }
  }

  /** Drops {@code rejected} if it is still the current token: the vendor no longer accepts it. */
  public synchronized void invalidate(String rejected) {
    if (rejected != null && rejected.equals(token)) {
      token = null;
      renewAt = Instant.MIN;
      expiresAt = Instant.MIN;
    }
  }

  /** A fresh exception of the same kind as {@code failure}, for this caller's stack. */
  private KeyStoreException again(KeyStoreException failure) {
    String message = wording.noValid() + failure.getMessage();
    return failure instanceof KeyStoreUnreachableException
        ? new KeyStoreUnreachableException(message, failure)
        : new KeyStoreException(message, failure);
  }
}

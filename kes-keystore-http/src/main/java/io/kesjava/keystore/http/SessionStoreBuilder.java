package io.kesjava.keystore.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The builder of a REST key store whose vendor issues short-lived session tokens (Gemalto,
 * Entrust): besides the settings of {@link RestStoreBuilder}, the clock that decides when a token
 * is renewed, and the {@link SessionTokens} of a new transport.
 *
 * <p>Shared plumbing of the REST key-store backends: applications use the vendor's builder, such
 * as {@code GemaltoKeyStore.builder()}, and call these setters through it.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread.
 *
 * @param <B> the vendor's builder
 * @param <S> the vendor's store
 */
public abstract class SessionStoreBuilder<
        B extends SessionStoreBuilder<B, S>, S extends RestKeyStore>
    extends RestStoreBuilder<B, S> {

  private Clock clock = Clock.systemUTC();

  /** A builder for {@code vendor}'s store, with KES's defaults and the system clock. */
  protected SessionStoreBuilder(RestVendor vendor) {
    super(vendor);
  }

  /** The clock that decides when a session token is renewed (default: the system clock). */
  public final B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    @SuppressWarnings("unchecked")
    B self = (B) this;
    return self;
  }

  /**
   * The session tokens of {@code http}, on this builder's clock; they learn the transport's
   * redactor. Attach them with {@link RestTransport#withTokens}.
   *
   * @param source obtains tokens from the vendor
   * @param retryInterval how long to wait after a failed attempt before the next one
   * @param log where failures are logged: the backend's own logger
   * @param wording the words of the messages
   */
  protected final SessionTokens sessions(
      RestTransport http,
      SessionTokens.Source source,
      Duration retryInterval,
      System.Logger log,
      SessionTokens.Wording wording) {
    return new SessionTokens(source, clock, retryInterval, http.redactor(), log, wording);
  }
}

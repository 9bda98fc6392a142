package io.kesjava.keystore.common;

import java.time.Duration;

/**
 * What the builders of the stores that talk to their cloud through the vendor's SDK (AWS, GCP,
 * Azure) share: the exponential backoff between retries and the timeout, with the checks of their
 * arguments. Each store's builder says its defaults and how its SDK applies them.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread.
 *
 * @param <B> the store's builder, which {@link #backoff} and {@link #timeout} return
 */
public abstract class SdkStoreBuilder<B extends SdkStoreBuilder<B>> {

  private Duration baseDelay;
  private Duration maxDelay;
  private Duration timeout;

  /** Starts with the store's defaults, which must pass the checks of the setters. */
  protected SdkStoreBuilder(Duration baseDelay, Duration maxDelay, Duration timeout) {
    Checks.backoff(baseDelay, maxDelay);
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.timeout = Checks.positive(timeout);
  }

  /**
   * The exponential backoff between retries: from {@code base} up to {@code max}.
   *
   * @throws IllegalArgumentException if {@code base} is not positive or greater than {@code max}
   */
  public final B backoff(Duration base, Duration max) {
    Checks.backoff(base, max);
    this.baseDelay = base;
    this.maxDelay = max;
    return self();
  }

  /**
   * The timeout of one request or call.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  public final B timeout(Duration timeout) {
    this.timeout = Checks.positive(timeout);
    return self();
  }

  /** The first delay of the backoff. */
  protected final Duration baseDelay() {
    return baseDelay;
  }

  /** The greatest delay of the backoff. */
  protected final Duration maxDelay() {
    return maxDelay;
  }

  /** The timeout. */
  protected final Duration timeout() {
    return timeout;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}

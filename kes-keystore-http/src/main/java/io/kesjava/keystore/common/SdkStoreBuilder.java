package io.kesjava.keystore.common;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * What the builders of the stores that talk to their cloud through the vendor's SDK (AWS, GCP,
 * Azure) share: the endpoint, the exponential backoff between retries and the timeout, with the
 * checks of their arguments, and the form of {@link #toString()}. Each store's builder says the
 * endpoint's form, its defaults and how its SDK applies them, and names its own settings in {@link
 * #describe}.
 *
 * <p>Thread-safety: not thread-safe; use one builder from one thread.
 *
 * @param <B> the store's builder, which {@link #backoff} and {@link #timeout} return
 */
public abstract class SdkStoreBuilder<B extends SdkStoreBuilder<B>> {

  private String endpoint;
  private Duration baseDelay;
  private Duration maxDelay;
  private Duration timeout;

  /**
   * Starts with the store's defaults, which must pass the checks of the setters.
   *
   * @param endpoint the default endpoint; empty when the endpoint is required
   */
  protected SdkStoreBuilder(
      String endpoint, Duration baseDelay, Duration maxDelay, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    Checks.backoff(baseDelay, maxDelay);
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.timeout = Checks.positive(timeout);
  }

  /**
   * The endpoint of the vendor's service; the store's builder says its form, its default and
   * whether it is required. It is checked when the store is built.
   */
  public final B endpoint(String endpoint) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    return self();
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

  /** The endpoint as it was set, unchecked; empty if it is required and not set. */
  protected final String endpointSetting() {
    return endpoint;
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

  /**
   * The settings, never a credential: {@code <Store>.Builder[endpoint=<as set>, <the store's
   * settings of describe>]}.
   */
  @Override
  public final String toString() {
    String type = getClass().getName().substring(getClass().getPackageName().length() + 1);
    StringBuilder text = new StringBuilder(type.replace('$', '.')).append("[endpoint=");
    text.append(endpoint);
    describe((name, value) -> text.append(", ").append(name).append('=').append(value));
    return text.append(']').toString();
  }

  /**
   * Names the store's own settings for {@link #toString()}, in order; a credential only by its
   * kind, never its value.
   */
  protected abstract void describe(BiConsumer<String, Object> setting);

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}

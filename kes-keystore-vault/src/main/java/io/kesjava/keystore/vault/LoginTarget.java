package io.kesjava.keystore.vault;

import java.time.Duration;
import java.util.Objects;

/**
 * What every {@link VaultLogin} has besides its credentials: the auth engine's mount path, the
 * namespace and the wait before a failed background login is tried again, with the checks of their
 * {@code with...} methods.
 *
 * @param engine the mount path; not empty
 * @param namespace the namespace; empty for the root namespace
 * @param retry the wait; positive
 */
record LoginTarget(String engine, String namespace, Duration retry) {

  /** At {@code engine} in the root namespace, retried after 5 s. */
  static LoginTarget at(String engine) {
    return new LoginTarget(engine, "", Duration.ofSeconds(5));
  }

  /** A copy at {@code engine}, or at {@code defaultEngine} when {@code engine} is empty. */
  LoginTarget withEngine(String engine, String defaultEngine) {
    Objects.requireNonNull(engine, "engine");
    return new LoginTarget(engine.isEmpty() ? defaultEngine : engine, namespace, retry);
  }

  /** A copy in {@code namespace}. */
  LoginTarget withNamespace(String namespace) {
    return new LoginTarget(engine, Objects.requireNonNull(namespace, "namespace"), retry);
  }

  /**
   * A copy that waits {@code retry}.
   *
   * @throws IllegalArgumentException if it is not positive
   */
  LoginTarget withRetry(Duration retry) {
    Objects.requireNonNull(retry, "retry");
    if (retry.isNegative() || retry.isZero()) {
      throw new IllegalArgumentException("retry must be positive: " + retry);
    }
    return new LoginTarget(engine, namespace, retry);
  }

  /**
   * Checks a required credential.
   *
   * @throws NullPointerException naming {@code name} if it is null
   * @throws IllegalArgumentException with {@code problem} if it is empty
   */
  static void requireText(String value, String name, String problem) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(problem);
    }
  }
}

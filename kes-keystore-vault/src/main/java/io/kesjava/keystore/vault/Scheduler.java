package io.kesjava.keystore.vault;

import java.time.Duration;

/**
 * Runs the store's background work (token renewal, health polling) after a delay. Tests replace it
 * with a manual one driven by their clock, so that no test sleeps.
 *
 * <p>Thread-safety: implementations are safe for concurrent use.
 */
interface Scheduler extends AutoCloseable {

  /** Runs {@code task} once after {@code delay} (at once when not positive). */
  void schedule(Runnable task, Duration delay);

  /** Cancels what is pending; later {@link #schedule} calls are ignored. */
  @Override
  void close();
}

package io.kesjava.keystore.vault;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The default {@link Scheduler}: one daemon thread per store. */
final class ExecutorScheduler implements Scheduler {

  private final ScheduledThreadPoolExecutor executor;

  ExecutorScheduler() {
    executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "kes-vault-session");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public void schedule(Runnable task, Duration delay) {
    try {
      executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closed: background work ends
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}

package io.kesjava.keystore.vault;

import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A {@link Scheduler} that runs nothing by itself: {@link #advance} moves the clock and runs, in
 * order of their due time, the tasks that are due, including the ones they schedule.
 */
final class ManualScheduler implements Scheduler {

  private record Task(Instant due, long seq, Runnable run) {}

  private final MutableClock clock;
  private final List<Task> tasks = new ArrayList<>();
  private long seq;
  private boolean closed;

  ManualScheduler(MutableClock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void schedule(Runnable task, Duration delay) {
    if (!closed) {
      tasks.add(
          new Task(clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), seq++, task));
    }
  }

  /** Moves the clock in steps of at most one second, running what falls due on the way. */
  void advance(Duration duration) {
    Duration left = duration;
    while (!left.isZero()) {
      Duration step = left.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : left;
      clock.advance(step);
      left = left.minus(step);
      runDue();
    }
  }

  /** Runs every task that is due now, and those they schedule that are due too. */
  void runDue() {
    while (true) {
      Task next;
      synchronized (this) {
        next =
            tasks.stream()
                .filter(t -> !t.due().isAfter(clock.instant()))
                .min(Comparator.comparing(Task::due).thenComparingLong(Task::seq))
                .orElse(null);
        if (next == null) {
          return;
        }
        tasks.remove(next);
      }
      next.run().run();
    }
  }

  synchronized int pending() {
    return tasks.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    tasks.clear();
  }
}

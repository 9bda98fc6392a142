package io.kesjava.server;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The server's error log ({@code docs/formats.md#log-events}): records at or above the configured
 * level go to every subscriber and, unless disabled, as {@code log/slog} text lines to standard
 * error.
 *
 * <p>Thread-safety: safe for concurrent use. Subscribers are called on the thread that logged the
 * record; they must return quickly and must not throw.
 */
public final class ErrorLog {

  private final Subscribers<ErrorEvent> subscribers = new Subscribers<>();
  private volatile PrintStream out;
  private volatile int level;

  /**
   * @param out where text lines go, or {@code null} for none
   * @param level the lowest level that is logged
   */
  ErrorLog(PrintStream out, int level) {
    this.out = out;
    this.level = level;
  }

  /**
   * Subscribes to the records logged from now on.
   *
   * @return closing it unsubscribes; idempotent
   */
  public AutoCloseable subscribe(Consumer<ErrorEvent> subscriber) {
    return subscribers.add(subscriber);
  }

  /** The number of current subscribers. */
  public int subscriberCount() {
    return subscribers.count();
  }

  /** The lowest level that is logged. */
  public int level() {
    return level;
  }

  /** Changes where text lines go and the lowest level, as a config reload does. */
  synchronized void update(PrintStream out, int level) {
    this.out = out;
    this.level = level;
  }

  void publish(ErrorEvent event) {
    PrintStream out = this.out;
    if (event.level() < level) {
      return;
    }
    if (out != null) {
      out.println(event.text());
    }
    subscribers.deliver(event);
  }
}

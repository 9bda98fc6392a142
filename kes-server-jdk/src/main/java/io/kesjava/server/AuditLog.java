package io.kesjava.server;

import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The server's audit log: one {@link AuditEvent} for every request ({@code
 * docs/migrating-from-go-kes.md}). Events go to every subscriber and, when enabled, as text lines
 * to standard output.
 *
 * <p>Thread-safety: safe for concurrent use. Subscribers are called on the thread that answered the
 * request, in no particular order; they must return quickly and must not throw (a throwing
 * subscriber is skipped for that event).
 */
public final class AuditLog {

  private final Subscribers<AuditEvent> subscribers = new Subscribers<>();
  private volatile PrintStream out;

  /** @param out where text lines go, or {@code null} for none */
  AuditLog(PrintStream out) {
    this.out = out;
  }

  /**
   * Subscribes to the events that happen from now on.
   *
   * @return closing it unsubscribes; idempotent
   */
  public AutoCloseable subscribe(Consumer<AuditEvent> subscriber) {
    return subscribers.add(subscriber);
  }

  /** The number of current subscribers. */
  public int subscriberCount() {
    return subscribers.count();
  }

  /** Changes where text lines go, as a config reload does; {@code null} for none. */
  void update(PrintStream out) {
    this.out = out;
  }

  void publish(AuditEvent event) {
    PrintStream out = this.out;
    if (out != null) {
      out.println(event.toText());
    }
    subscribers.deliver(event);
  }
}

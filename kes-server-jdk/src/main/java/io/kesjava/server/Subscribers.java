package io.kesjava.server;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The subscribers of one of the server's logs ({@link AuditLog}, {@link ErrorLog}).
 *
 * <p>Thread-safety: safe for concurrent use; delivering never blocks subscribing.
 *
 * @param <E> the log's events
 */
final class Subscribers<E> {

  private final CopyOnWriteArrayList<Consumer<E>> list = new CopyOnWriteArrayList<>();

  /**
   * Adds a subscriber for the events delivered from now on. Adding one consumer twice makes two
   * independent subscriptions.
   *
   * @return closing it removes this subscription; idempotent
   */
  AutoCloseable add(Consumer<E> subscriber) {
    Objects.requireNonNull(subscriber, "subscriber");
    Consumer<E> own = subscriber::accept; // its own identity, so that removing it removes only it
    list.add(own);
    return () -> list.remove(own);
  }

  int count() {
    return list.size();
  }

  /**
   * Hands {@code event} to every subscriber, on the caller's thread. A subscriber that throws is
   * skipped for this event: it must break neither the caller nor the other subscribers.
   */
  void deliver(E event) {
    for (Consumer<E> s : list) {
      try {
        s.accept(event);
      } catch (RuntimeException e) {
        // skipped, as documented
      }
    }
  }
}

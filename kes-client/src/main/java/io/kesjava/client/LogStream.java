package io.kesjava.client;

import java.io.EOFException;
import java.io.IOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A live log stream of a server ({@code docs/http-api.md#log-streams}): the events that happen
 * after it was opened, one at a time, until it is closed or the server ends it.
 *
 * <pre>{@code
 * try (LogStream<AuditEvent> log = client.auditLog()) {
 *   while (log.hasNext()) {
 *     AuditEvent e = log.next();
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Thread-safety: iterate from one thread; {@link #close()} may be called from any thread, and
 * then ends a {@link #hasNext()} that is waiting with {@code false}.
 *
 * @param <E> {@link AuditEvent} or {@link ErrorEvent}
 */
public final class LogStream<E> implements Iterator<E>, AutoCloseable {

  /** The longest event line read; a longer one ends the stream with an error. */
  static final long MAX_LINE = 1 << 20;

  private final okhttp3.Call call;
  private final Response response;
  private final BufferedSource source;
  private final Function<String, E> parser;
  /** Held while reading, so that {@link #close()} does not close the body under a reader. */
  private final ReentrantLock reading = new ReentrantLock();
  private volatile boolean closed;
  private boolean ended;
  private E next;

  LogStream(okhttp3.Call call, Response response, Function<String, E> parser) {
    this.call = Objects.requireNonNull(call, "call");
    this.response = Objects.requireNonNull(response, "response");
    this.source = Objects.requireNonNull(response.body(), "body").source();
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /**
   * Waits for the next event.
   *
   * @return {@code false} when the stream was closed or the server ended it
   * @throws KesTransportException if the connection broke or the server sent a malformed line
   */
  @Override
  public boolean hasNext() {
    while (next == null && !ended) {
      String line = readLine();
      if (line != null && !line.isBlank()) {
        next = parser.apply(line);
      }
    }
    return next != null;
  }

  /** The next line, or {@code null} at the end (and then {@link #ended} is set). */
  private String readLine() {
    reading.lock();
    try {
      if (closed || source.exhausted()) {
        ended = true;
        return null;
      }
      return source.readUtf8LineStrict(MAX_LINE);
    } catch (EOFException e) {
      ended = true;
      if (closed || source.getBuffer().size() <= MAX_LINE) {
        return null; // the server ended the stream, perhaps within a last unterminated line
      }
      throw new KesTransportException(
          "the server sent a log line longer than " + MAX_LINE + " bytes", null);
    } catch (IOException e) {
      ended = true;
      if (closed) {
        return null;
      }
      throw new KesTransportException("the log stream broke: " + e, e);
    } finally {
      reading.unlock();
    }
  }

  /**
   * Returns the next event, waiting for it.
   *
   * @throws NoSuchElementException if the stream has ended
   */
  @Override
  public E next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the log stream has ended");
    }
    E e = next;
    next = null;
    return e;
  }

  /**
   * Ends the stream and releases its connection: the socket is closed, so the server sees the
   * subscriber go. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    call.cancel(); // ends a read that is blocked in another thread
    reading.lock();
    try {
      response.close();
    } finally {
      reading.unlock();
    }
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "LogStream[" + response.request().url().encodedPath() + (closed ? ", closed]" : "]");
  }
}

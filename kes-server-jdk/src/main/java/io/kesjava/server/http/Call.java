package io.kesjava.server.http;

import io.kesjava.core.Identity;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.keystore.internal.GoJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request on its way through the server: what was asked, who asked, and the response, which
 * is written at most once. A route deadline that passes before the response is completely written
 * aborts the connection without a body (see docs/http-api.md); it covers reading the body too.
 *
 * <p>Thread-safety: used by the request's thread; {@link #abort()} may come from the deadline
 * timer at any time.
 */
final class Call {

  private static final int PENDING = 0;
  private static final int WRITING = 1;
  private static final int DONE = 2;
  private static final int ABORTED = 3;

  final Exchange exchange;
  final String method;
  final String path;
  final Instant received;
  final long startNanos;

  Route route;
  String resource = "";
  Identity identity;
  String ip = "";
  /** The status sent, or to be sent. */
  int status;
  /** The audit event's message. */
  String auditMessage = "";
  boolean audited;
  /** Runs once, right before the status line is written: emits the audit event. */
  Runnable beforeCommit = () -> {};

  private final AtomicInteger state = new AtomicInteger(PENDING);

  Call(Exchange exchange, String path, Instant received, long startNanos) {
    this.exchange = exchange;
    this.method = exchange.method();
    this.path = path;
    this.received = received;
    this.startNanos = startNanos;
  }

  /** The caller's identity text, or empty. */
  String identityText() {
    return identity == null ? "" : identity.value();
  }

  /** Aborts the call when {@code timeout} passes before its response is written; zero: never. */
  void deadline(Duration timeout) {
    if (timeout.isZero()) {
      exchange.clearDeadline();
    } else {
      exchange.deadline(timeout, this::abort);
    }
  }

  boolean aborted() {
    return state.get() == ABORTED;
  }

  /** Aborts the connection unless the response was written: the route deadline passed. */
  void abort() {
    if (state.compareAndSet(PENDING, ABORTED) || state.compareAndSet(WRITING, ABORTED)) {
      exchange.abort(); // closes the connection: a blocked body read or write fails
    }
  }

  /**
   * Reads the request body up to the route's limit (see docs/http-api.md).
   *
   * @throws InvalidArgumentException with {@code message} if the body is too large or unreadable
   */
  byte[] body(String message) {
    long max = route.maxBody();
    try {
      InputStream in = exchange.body(max);
      ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);
      byte[] chunk = new byte[8192];
      long total = 0;
      for (int n; (n = in.read(chunk)) >= 0; ) {
        total += n;
        if (total > max) {
          throw new InvalidArgumentException(message);
        }
        buf.write(chunk, 0, n);
      }
      return buf.toByteArray();
    } catch (IOException e) {
      throw new InvalidArgumentException(message);
    }
  }

  /** Sends a JSON value followed by a newline with status 200. */
  void json(JsonOut out) {
    send(200, "application/json", out.toLine());
  }

  /** Sends 200 with an empty body and {@code Content-Length: 0}. */
  void ok() {
    send(200, null, new byte[0]);
  }

  /** Sends a KES error body, byte exact: {@code {"message":<text>\n}} (docs/http-api.md). */
  void error(int status, String message) {
    String body = "{\"message\":" + GoJson.quote(message) + "\n}";
    send(status, "application/json", body.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code body} with {@code status}; a {@code null} content type sends none. */
  void send(int status, String contentType, byte[] body) {
    this.status = status;
    if (!state.compareAndSet(PENDING, WRITING)) {
      return;
    }
    try {
      beforeCommit.run();
      if (contentType != null) {
        exchange.responseHeader("Content-Type", contentType);
      }
      exchange.respond(status, body, method.equals("HEAD"));
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer.
    } finally {
      if (state.compareAndSet(WRITING, DONE)) {
        exchange.clearDeadline();
      }
    }
  }

  /**
   * Sends status 200 and {@code contentType} at once and returns the body for a stream of
   * unknown length; {@code null} if the response was aborted.
   */
  OutputStream stream(String contentType) throws IOException {
    this.status = 200;
    if (!state.compareAndSet(PENDING, WRITING)) {
      return null;
    }
    exchange.clearDeadline();
    beforeCommit.run();
    exchange.responseHeader("Content-Type", contentType);
    return exchange.stream();
  }
}

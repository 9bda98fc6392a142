package io.kesjava.server.http;

import com.sun.net.httpserver.HttpExchange;
import io.kesjava.core.Identity;
import io.kesjava.core.InvalidArgumentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One request on its way through the server: what was asked, who asked, and the response, which is
 * written at most once. A response deadline that passes before the response is written aborts the
 * connection without a body ({@code docs/http-api.md#routes}).
 *
 * <p>Thread-safety: used by the request's thread; {@link #abort()} may come from the deadline
 * timer at any time.
 */
final class Call {

  private static final int PENDING = 0;
  private static final int WRITING = 1;
  private static final int DONE = 2;
  private static final int ABORTED = 3;

  final HttpExchange exchange;
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
  private volatile ScheduledFuture<?> deadline;

  Call(HttpExchange exchange, String path, Instant received, long startNanos) {
    this.exchange = exchange;
    this.method = exchange.getRequestMethod();
    this.path = path;
    this.received = received;
    this.startNanos = startNanos;
  }

  /** The caller's identity text, or empty. */
  String identityText() {
    return identity == null ? "" : identity.value();
  }

  void deadline(ScheduledFuture<?> f) {
    this.deadline = f;
  }

  boolean aborted() {
    return state.get() == ABORTED;
  }

  /** Aborts the connection if nothing was written yet: the response deadline passed. */
  void abort() {
    if (state.compareAndSet(PENDING, ABORTED)) {
      exchange.close(); // closes the connection: headers were not sent
    }
  }

  /**
   * Reads the request body up to the route's limit ({@code docs/http-api.md#conventions}).
   *
   * @throws InvalidArgumentException with {@code message} if the body is too large or unreadable
   */
  byte[] body(String message) {
    long max = route.maxBody();
    try (InputStream in = exchange.getRequestBody()) {
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

  /**
   * Sends a KES error body, byte exact: {@code {"message":<text>\n}} ({@code
   * docs/http-api.md#errors}).
   */
  void error(int status, String message) {
    String body = "{\"message\":" + JsonOut.quote(message) + "\n}";
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
        exchange.getResponseHeaders().set("Content-Type", contentType);
      }
      if (body.length == 0) {
        exchange.sendResponseHeaders(status, -1);
      } else if (method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
          os.write(body);
        }
      }
    } catch (IOException | RuntimeException e) {
      // The client went away; nothing to answer.
    } finally {
      state.set(DONE);
      cancelDeadline();
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
    cancelDeadline();
    beforeCommit.run();
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(200, 0);
    OutputStream os = exchange.getResponseBody();
    os.flush();
    return os;
  }

  private void cancelDeadline() {
    ScheduledFuture<?> f = deadline;
    if (f != null) {
      f.cancel(false);
    }
  }
}

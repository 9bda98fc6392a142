package io.kesjava.server.http;

import io.kesjava.keystore.internal.GoJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One client connection on its own thread: the TLS handshake, then requests one after another
 * (keep-alive), each head read and checked by {@link HeadParser} and answered by the API. Every
 * blocking step has a deadline that the listener's deadline thread enforces by closing the socket:
 * the handshake and head together the header timeout, the body and the handling the route's
 * timeout, the wait for a next request the idle timeout.
 *
 * <p>Thread-safety: run by one thread; {@link #abort()}, {@link #expire(long)} and {@link
 * #closeIfIdle()} may come from others.
 */
final class Connection implements Runnable {

  /** When the current step must be done, and what then happens (closing, when {@code null}). */
  private record Deadline(long at, Runnable action) {}

  private static final byte[] PLAIN_HTTP_ANSWER = plainHttpAnswer();

  private final HttpsListener listener;
  private final GuardedSocket socket;
  private final ResponseHead.Buffer buffer = new ResponseHead.Buffer();
  private volatile Deadline deadline;
  private volatile boolean idle;
  private volatile boolean aborted;
  private SSLSocket ssl;
  private SSLSession session;
  private HttpInput input;
  private OutputStream output;

  Connection(HttpsListener listener, GuardedSocket socket) {
    this.listener = listener;
    this.socket = socket;
  }

  @Override
  public void run() {
    boolean lingering = false;
    try {
      lingering = serve();
    } catch (IOException | RuntimeException e) {
      // The client went away, a deadline closed the socket, or the handshake failed.
    } finally {
      if (lingering && !aborted) {
        lingerAndClose();
      } else {
        close();
      }
      listener.ended(this);
    }
  }

  /** Serves requests until the connection ends; true if the client may still be sending. */
  private boolean serve() throws IOException {
    socket.setTcpNoDelay(true);
    InputStream raw = socket.getInputStream();
    byte[] first = new byte[8];
    int n = raw.read(first);
    if (n <= 0) {
      return false;
    }
    if (first[0] != 22) { // not a TLS handshake record
      if (first[0] >= 'A' && first[0] <= 'Z') {
        socket.getOutputStream().write(PLAIN_HTTP_ANSWER);
        return true;
      }
      return false;
    }
    ssl = (SSLSocket) listener.context().getSocketFactory()
        .createSocket(socket, new ByteArrayInputStream(first, 0, n), true);
    ssl.setSSLParameters(listener.parameters());
    ssl.startHandshake();
    session = ssl.getSession();
    if ("TLSv1.2".equals(session.getProtocol())) {
      socket.refuseHandshakes();
    }
    input = new HttpInput(ssl.getInputStream(), listener.limits().maxHeadBytes());
    output = ssl.getOutputStream();
    while (true) {
      RequestHead head;
      try {
        head = HeadParser.read(input, listener.limits().maxHeadBytes(),
            listener.limits().maxHeaderFields());
      } catch (HttpError e) {
        refuse(e);
        return true;
      }
      if (head == null) {
        return false;
      }
      Exchange exchange = new Exchange(this, head);
      listener.handler().handle(exchange);
      if (aborted || !exchange.responded()) {
        return false;
      }
      if (!exchange.finish()) {
        return exchange.unreadBody();
      }
      if (input.buffered() == 0) {
        idle = true;
        deadline(listener.limits().idleTimeout().toNanos(), null);
        if (listener.closing()) {
          return false;
        }
        boolean more = input.fill();
        idle = false;
        if (!more) {
          return false;
        }
      }
      deadline(headerTimeoutNanos(), null);
    }
  }

  /** Answers a request the HTTP layer refuses, with KES's error body, and closes after it. */
  private void refuse(HttpError e) throws IOException {
    byte[] body = ("{\"message\":" + GoJson.quote(e.getMessage()) + "\n}")
        .getBytes(StandardCharsets.UTF_8);
    buffer.reset();
    buffer.ascii("HTTP/1.1 ").number(e.status()).ascii(" ").ascii(ResponseHead.reason(e.status()))
        .crlf().field("Content-Type", "application/json")
        .ascii("Content-Length: ").number(body.length).crlf();
    byte[] date = ResponseHead.dateLine();
    buffer.bytes(date, 0, date.length).ascii("Connection: close").crlf().crlf()
        .bytes(body, 0, body.length);
    write(buffer.bytes, 0, buffer.size);
    flush();
  }

  private static byte[] plainHttpAnswer() {
    String body = "{\"message\":\"client sent an HTTP request to an HTTPS server\"\n}";
    return ("HTTP/1.0 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: "
        + body.length() + "\r\nConnection: close\r\n\r\n" + body)
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Ends the connection so that the client reads the answer: stops sending (FIN), then reads and
   * drops what the client still sends for up to a second, then closes. Closing with unread input
   * would reset the connection, and the reset can destroy the answer before the client reads it.
   */
  private void lingerAndClose() {
    try {
      deadline(1_000_000_000L, null);
      if (ssl != null) {
        ssl.shutdownOutput(); // close_notify, then FIN
      } else {
        socket.shutdownOutput();
      }
      InputStream in = socket.getInputStream();
      byte[] scratch = new byte[16 * 1024];
      while (!aborted && in.read(scratch) >= 0) {
        // drop
      }
    } catch (IOException e) {
      // closed by the deadline, or reset
    } finally {
      close();
    }
  }

  InetSocketAddress remoteAddress() {
    return (InetSocketAddress) socket.getRemoteSocketAddress();
  }

  SSLSession session() {
    return session;
  }

  HttpInput input() {
    return input;
  }

  int maxHeadBytes() {
    return listener.limits().maxHeadBytes();
  }

  long headerTimeoutNanos() {
    return listener.limits().headerTimeout().toNanos();
  }

  boolean closing() {
    return listener.closing();
  }

  ResponseHead.Buffer buffer() {
    return buffer;
  }

  void write(byte[] b, int off, int len) throws IOException {
    output.write(b, off, len);
  }

  void flush() throws IOException {
    output.flush();
  }

  /** Sets the deadline of the current step, {@code nanos} from now. */
  void deadline(long nanos, Runnable action) {
    deadline = new Deadline(System.nanoTime() + nanos, action);
  }

  void clearDeadline() {
    deadline = null;
  }

  /** Called by the deadline thread: runs the deadline's action, or closes, when it has passed. */
  void expire(long now) {
    Deadline d = deadline;
    if (d == null || now - d.at < 0) {
      return;
    }
    if (d.action == null) {
      abort();
    } else {
      deadline = null;
      d.action.run();
    }
  }

  /** Closes a connection that waits for its next request; true if it did. */
  boolean closeIfIdle() {
    if (idle) {
      abort();
      return true;
    }
    return false;
  }

  /** Closes the TCP connection at once: blocked reads and writes fail. */
  void abort() {
    aborted = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closed already
    }
  }

  private void close() {
    try {
      if (ssl != null && !aborted) {
        // close_notify, then the socket; bounded by the deadline thread
        deadline(1_000_000_000L, null);
        ssl.close();
      }
    } catch (IOException e) {
      // the client went away
    } finally {
      try {
        socket.close();
      } catch (IOException e) {
        // closed already
      }
    }
  }

  @Override
  public String toString() {
    try {
      return "Connection[" + socket.getRemoteSocketAddress() + "]";
    } catch (RuntimeException e) {
      return "Connection";
    }
  }

}

package io.kesjava.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSession;

/**
 * One request and its response on a connection: what the routes see of HTTP. The request body is
 * read through {@link #body(long)}, bounded by the route's limit; the response is written once,
 * whole ({@link #respond}) or as a stream ({@link #stream()}).
 *
 * <p>Thread-safety: used by the connection's thread; {@link #abort()} and the deadline may come
 * from another thread.
 */
final class Exchange {

  /** A body left unread up to this size is read and dropped to keep the connection. */
  static final int DRAIN_LIMIT = 64 * 1024;

  /** How long one write of a response stream may block on a client that does not read. */
  static final long STREAM_WRITE_TIMEOUT_NANOS = 30_000_000_000L;

  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(
      java.nio.charset.StandardCharsets.US_ASCII);

  private final Connection connection;
  private final RequestHead head;
  private final List<String> responseFields = new ArrayList<>(8);
  private boolean continueSent;
  private Body body;
  private boolean responded;
  private boolean closeAfter;
  private ChunkedOutput stream;

  Exchange(Connection connection, RequestHead head) {
    this.connection = connection;
    this.head = head;
  }

  String method() {
    return head.method();
  }

  /** The percent-decoded request path. */
  String path() {
    return head.path();
  }

  /** The query as sent, without {@code ?}; {@code null} when there is none. */
  String rawQuery() {
    return head.rawQuery();
  }

  /** Every value of the request header {@code name}; empty when absent. */
  List<String> requestHeaders(String name) {
    return head.headers().all(name);
  }

  InetSocketAddress remoteAddress() {
    return connection.remoteAddress();
  }

  SSLSession sslSession() {
    return connection.session();
  }

  /** Sets a response header field, replacing one of the same name. */
  void responseHeader(String name, String value) {
    for (int i = 0; i < responseFields.size(); i += 2) {
      if (responseFields.get(i).equalsIgnoreCase(name)) {
        responseFields.set(i + 1, value);
        return;
      }
    }
    responseFields.add(name);
    responseFields.add(value);
  }

  /**
   * Replaces the connection's current deadline: when {@code timeout} passes, {@code onExpiry} runs
   * (on the deadline thread).
   */
  void deadline(Duration timeout, Runnable onExpiry) {
    connection.deadline(timeout.toNanos(), onExpiry);
  }

  /** Removes the deadline: for a response stream, which runs as long as it is read. */
  void clearDeadline() {
    connection.clearDeadline();
  }

  /** Closes the connection at once, from any thread; nothing more is sent. */
  void abort() {
    connection.abort();
  }

  /**
   * The request body, failing with a {@link BodyException} as soon as it is known to be longer
   * than {@code max} bytes. Sends {@code 100 Continue} first if the client waits for it.
   */
  InputStream body(long max) throws IOException {
    if (body == null) {
      if (head.contentLength() > max) {
        throw BodyException.overLimit();
      }
      sendContinue();
      body = head.contentLength() < 0
          ? new ChunkedBody(connection.input(), max, connection.maxHeadBytes())
          : new FixedBody(connection.input(), head.contentLength());
    }
    return body;
  }

  /**
   * Reads and drops a body that the route does not take, up to {@link #DRAIN_LIMIT} bytes; a
   * longer one is left, and the connection closes after the response.
   *
   * @throws BodyException if the body is badly framed
   */
  void skipBody() throws IOException {
    if (!head.hasBody() || (head.expectContinue() && !continueSent)
        || head.contentLength() > DRAIN_LIMIT) {
      return; // too long to read, or not sent until asked for: closed after the response
    }
    try {
      drain(body(Long.MAX_VALUE), DRAIN_LIMIT);
    } catch (BodyException e) {
      if (!e.isOverLimit()) {
        throw e;
      }
    }
  }

  private static boolean drain(InputStream in, long limit) throws IOException {
    byte[] scratch = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(scratch)) >= 0; ) {
      total += n;
      if (total > limit) {
        return false;
      }
    }
    return true;
  }

  private void sendContinue() throws IOException {
    if (head.expectContinue() && !continueSent && !responded) {
      continueSent = true;
      connection.write(CONTINUE, 0, CONTINUE.length);
      connection.flush();
    }
  }

  /** Whether the connection can serve another request once the response is out. */
  private boolean reusable() {
    if (head.close() || connection.closing()) {
      return false;
    }
    if (!head.hasBody() || (body != null && body.done())) {
      return true;
    }
    if (body != null || (head.expectContinue() && !continueSent)) {
      return false; // a body read part of the way, or never asked for
    }
    return head.contentLength() > 0 && head.contentLength() <= DRAIN_LIMIT;
  }

  /**
   * Sends the whole response: {@code Content-Length} is the body's length also for a {@code HEAD}
   * request, whose body is not sent.
   */
  void respond(int status, byte[] content, boolean headOnly) throws IOException {
    if (responded) {
      throw new IllegalStateException("response already sent");
    }
    responded = true;
    closeAfter = !reusable();
    ResponseHead.Buffer out = connection.buffer();
    writeHead(out, status);
    out.ascii("Content-Length: ").number(content.length).crlf();
    out.bytes(ResponseHead.dateLine(), 0, ResponseHead.dateLine().length);
    if (closeAfter) {
      out.ascii("Connection: close").crlf();
    }
    out.crlf();
    if (!headOnly && content.length <= 16 * 1024) {
      out.bytes(content, 0, content.length);
      connection.write(out.bytes, 0, out.size);
    } else {
      connection.write(out.bytes, 0, out.size);
      if (!headOnly) {
        connection.write(content, 0, content.length);
      }
    }
    connection.flush();
  }

  /**
   * Sends status 200 and the fields, and returns the body of unknown length: chunked on HTTP/1.1,
   * else ended by closing the connection. Each {@code flush()} sends what was written.
   */
  OutputStream stream() throws IOException {
    if (responded) {
      throw new IllegalStateException("response already sent");
    }
    responded = true;
    closeAfter = true; // a stream ends with its connection
    ResponseHead.Buffer out = connection.buffer();
    writeHead(out, 200);
    if (head.http11()) {
      out.ascii("Transfer-Encoding: chunked").crlf();
    }
    out.bytes(ResponseHead.dateLine(), 0, ResponseHead.dateLine().length);
    out.ascii("Connection: close").crlf().crlf();
    connection.write(out.bytes, 0, out.size);
    connection.flush();
    stream = new ChunkedOutput(connection, head.http11());
    return stream;
  }

  private void writeHead(ResponseHead.Buffer out, int status) {
    out.reset();
    out.ascii(head.http11() ? "HTTP/1.1 " : "HTTP/1.0 ").number(status).ascii(" ")
        .ascii(ResponseHead.reason(status)).crlf();
    for (int i = 0; i < responseFields.size(); i += 2) {
      out.field(responseFields.get(i), responseFields.get(i + 1));
    }
  }

  /** Whether a response went out. */
  boolean responded() {
    return responded;
  }

  /**
   * Ends a response stream, and reads a short unread body so that the next request can follow.
   *
   * @return whether the connection can take another request
   */
  boolean finish() {
    try {
      if (stream != null) {
        stream.end();
        return false;
      }
      if (!responded || closeAfter) {
        return false;
      }
      if (!head.hasBody() || (body != null && body.done())) {
        return true;
      }
      connection.deadline(connection.headerTimeoutNanos(), null);
      return drain(body(Long.MAX_VALUE), DRAIN_LIMIT);
    } catch (IOException e) {
      return false;
    }
  }

  /** Whether the client may still be sending a body that was not read. */
  boolean unreadBody() {
    return head.hasBody() && (body == null || !body.done());
  }

  /** A request body stream that knows when it was read to its end. */
  abstract static class Body extends InputStream {
    abstract boolean done();

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xFF;
    }
  }

  /** A body of {@code Content-Length} bytes. */
  private static final class FixedBody extends Body {
    private final HttpInput in;
    private long left;

    FixedBody(HttpInput in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    boolean done() {
      return left == 0;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left == 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw BodyException.malformed("truncated body");
      }
      left -= n;
      return n;
    }
  }

  /** A chunked body (RFC 9112 7.1); chunk extensions and trailer fields are read and dropped. */
  static final class ChunkedBody extends Body {
    private final HttpInput in;
    private final long max;
    private final int maxTrailer;
    private long total;
    private long chunkLeft;
    private boolean done;

    ChunkedBody(HttpInput in, long max, int maxTrailer) {
      this.in = in;
      this.max = max;
      this.maxTrailer = maxTrailer;
    }

    @Override
    boolean done() {
      return done;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (chunkLeft == 0) {
        long size = chunkSize(in.line(4096));
        if (size > max - total) {
          throw BodyException.overLimit();
        }
        if (size == 0) {
          trailer();
          done = true;
          return -1;
        }
        chunkLeft = size;
      }
      int n = in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw BodyException.malformed("truncated body");
      }
      chunkLeft -= n;
      total += n;
      if (chunkLeft == 0 && !in.line(0).isEmpty()) {
        throw BodyException.malformed("chunk not followed by CRLF");
      }
      return n;
    }

    /** The hex size before any extension; more than 15 digits would overflow. */
    private static long chunkSize(String line) throws BodyException {
      int end = line.indexOf(';');
      String hex = end < 0 ? line : line.substring(0, end);
      int n = hex.length();
      while (n > 0 && (hex.charAt(n - 1) == ' ' || hex.charAt(n - 1) == '\t')) {
        n--; // whitespace before an extension (RFC 9112 BWS)
      }
      if (n == 0 || n > 15 || (end < 0 && n != hex.length())) {
        throw BodyException.malformed("invalid chunk size");
      }
      long size = 0;
      for (int i = 0; i < n; i++) {
        int d = Character.digit(hex.charAt(i), 16);
        if (d < 0) {
          throw BodyException.malformed("invalid chunk size");
        }
        size = size << 4 | d;
      }
      return size;
    }

    private void trailer() throws IOException {
      int bytes = 0;
      for (String line = in.line(maxTrailer); !line.isEmpty(); line = in.line(maxTrailer)) {
        bytes += line.length() + 2;
        if (bytes > maxTrailer || line.indexOf(':') <= 0) {
          throw BodyException.malformed("invalid trailer");
        }
      }
    }
  }

  /**
   * The body of a response stream: one chunk per write. A stream has no route deadline, so each
   * write and flush has its own: a client that stops reading is disconnected after {@link
   * #STREAM_WRITE_TIMEOUT_NANOS} instead of holding the stream forever.
   */
  private static final class ChunkedOutput extends OutputStream {
    private final Connection connection;
    private final boolean chunked;
    private boolean ended;

    ChunkedOutput(Connection connection, boolean chunked) {
      this.connection = connection;
      this.chunked = chunked;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (ended) {
        throw new IOException("stream ended");
      }
      if (len == 0) {
        return;
      }
      connection.deadline(STREAM_WRITE_TIMEOUT_NANOS, null);
      try {
        if (!chunked) {
          connection.write(b, off, len);
          return;
        }
        ResponseHead.Buffer out = connection.buffer();
        out.reset();
        out.ascii(Integer.toHexString(len)).crlf().bytes(b, off, len).crlf();
        connection.write(out.bytes, 0, out.size);
      } finally {
        connection.clearDeadline();
      }
    }

    @Override
    public void flush() throws IOException {
      connection.deadline(STREAM_WRITE_TIMEOUT_NANOS, null);
      try {
        connection.flush();
      } finally {
        connection.clearDeadline();
      }
    }

    @Override
    public void close() throws IOException {
      end();
    }

    void end() throws IOException {
      if (ended) {
        return;
      }
      ended = true;
      if (chunked) {
        byte[] last = {'0', '\r', '\n', '\r', '\n'};
        connection.write(last, 0, last.length);
      }
      connection.flush();
    }
  }
}

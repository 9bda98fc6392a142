package io.kesjava.server.http;

import java.io.IOException;
import java.io.InputStream;

/**
 * The buffered input side of one connection: the head parser reads from the buffer, bodies read
 * through it, and bytes after a request (a pipelined next request) stay for the next one.
 *
 * <p>The buffer starts small and grows only for a head that does not fit, up to the head limit.
 *
 * <p>Thread-safety: not thread-safe; used by the connection's thread.
 */
final class HttpInput {

  private static final int INITIAL = 4096;

  private final InputStream in;
  private final int maxBuffer;
  byte[] buf = new byte[INITIAL];
  int pos;
  int lim;

  /**
   * @param in the TLS stream
   * @param maxHead the head limit; the buffer never grows beyond it plus a little
   */
  HttpInput(InputStream in, int maxHead) {
    this.in = in;
    this.maxBuffer = maxHead + 1024;
  }

  /** Bytes buffered and not yet read. */
  int buffered() {
    return lim - pos;
  }

  /**
   * Reads more bytes after those buffered, moving the unread ones to the start of the buffer and
   * growing it when it is full.
   *
   * @return false at the end of the stream
   */
  boolean fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      lim -= pos;
      pos = 0;
    }
    if (lim == buf.length) {
      if (buf.length >= maxBuffer) {
        throw new IllegalStateException("buffer full"); // callers bound what they buffer
      }
      byte[] bigger = new byte[Math.min(maxBuffer, buf.length * 2)];
      System.arraycopy(buf, 0, bigger, 0, lim);
      buf = bigger;
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      return false;
    }
    lim += n;
    return true;
  }

  /** Whether the buffer may still grow so that {@code bytes} unread bytes fit. */
  boolean canHold(int bytes) {
    return bytes < maxBuffer;
  }

  /** One byte, or -1 at the end of the stream. */
  int read() throws IOException {
    if (pos == lim && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  /** Up to {@code len} bytes: buffered ones first, else straight from the stream. */
  int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    int n = lim - pos;
    if (n > 0) {
      n = Math.min(n, len);
      System.arraycopy(buf, pos, b, off, n);
      pos += n;
      return n;
    }
    return in.read(b, off, len);
  }

  /**
   * A line ending in CRLF, without it, as ISO-8859-1 text: a chunk-size line or a trailer field.
   *
   * @throws BodyException if the stream ends first, the line is longer than {@code max}, or it
   *     holds a bare CR or LF or another control character than HT
   */
  String line(int max) throws IOException {
    StringBuilder sb = new StringBuilder(16);
    while (true) {
      int c = read();
      if (c < 0) {
        throw BodyException.malformed("truncated body");
      }
      if (c == '\r') {
        if (read() != '\n') {
          throw BodyException.malformed("bare CR");
        }
        return sb.toString();
      }
      if (c == '\n' || (c < 0x20 && c != '\t') || c == 0x7F) {
        throw BodyException.malformed("control character");
      }
      if (sb.length() >= max) {
        throw BodyException.malformed("line too long");
      }
      sb.append((char) c);
    }
  }
}

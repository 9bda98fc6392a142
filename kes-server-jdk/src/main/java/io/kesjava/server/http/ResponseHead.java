package io.kesjava.server.http;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes response heads into a byte buffer: the status line with its reason phrase, the fields
 * given, and {@code Date} (formatted once a second).
 *
 * <p>Thread-safety: the static methods are safe for concurrent use; a buffer is one connection's.
 */
final class ResponseHead {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);

  /** The last formatted date and its second. */
  private record Stamp(long second, byte[] line) {}

  private static volatile Stamp stamp = new Stamp(-1, new byte[0]);

  private ResponseHead() {}

  static String reason(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 301 -> "Moved Permanently";
      case 400 -> "Bad Request";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Request Entity Too Large";
      case 417 -> "Expectation Failed";
      case 429 -> "Too Many Requests";
      case 431 -> "Request Header Fields Too Large";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      case 505 -> "HTTP Version Not Supported";
      default -> "Status " + status;
    };
  }

  /** {@code Date: <now>\r\n} as bytes. */
  static byte[] dateLine() {
    long now = System.currentTimeMillis() / 1000;
    Stamp s = stamp;
    if (s.second != now) {
      String text = "Date: " + DATE.format(ZonedDateTime.ofInstant(
          java.time.Instant.ofEpochSecond(now), ZoneOffset.UTC)) + "\r\n";
      s = new Stamp(now, text.getBytes(StandardCharsets.US_ASCII));
      stamp = s;
    }
    return s.line;
  }

  /** A growable byte buffer for one response head (and a small body). */
  static final class Buffer {
    byte[] bytes = new byte[1024];
    int size;

    void reset() {
      size = 0;
    }

    Buffer ascii(String s) {
      int n = s.length();
      ensure(n);
      for (int i = 0; i < n; i++) {
        char c = s.charAt(i);
        // Header text is ASCII; anything else (never expected) cannot break the framing.
        bytes[size++] = (byte) (c < 0x20 || c > 0x7E ? '?' : c);
      }
      return this;
    }

    Buffer number(long v) {
      return ascii(Long.toString(v));
    }

    Buffer crlf() {
      ensure(2);
      bytes[size++] = '\r';
      bytes[size++] = '\n';
      return this;
    }

    Buffer bytes(byte[] b, int off, int len) {
      ensure(len);
      System.arraycopy(b, off, bytes, size, len);
      size += len;
      return this;
    }

    Buffer field(String name, String value) {
      return ascii(name).ascii(": ").ascii(value).crlf();
    }

    private void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }
  }
}

package io.kesjava.bench.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one HTTP/1.1 response from a keep-alive connection: the status line, the headers, and a
 * body of {@code Content-Length} bytes or in chunks. Lean on purpose: the driver must cost the
 * client far less than the server.
 */
final class HttpResponse {

  private HttpResponse() {}

  /** The status and body of a response. */
  record Result(int status, byte[] body) {}

  /**
   * Reads one response.
   *
   * @throws IOException on a malformed response or a closed connection
   */
  static Result read(InputStream in) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      int colon = h.indexOf(':');
      if (colon < 0) {
        throw new IOException("malformed header: " + h);
      }
      String name = h.substring(0, colon).trim();
      String value = h.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("Content-Length")) {
        length = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
      for (long n = Long.parseLong(line(in).split(";")[0].trim(), 16); n > 0;
          n = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
        body.write(exactly(in, (int) n));
        line(in);
      }
      line(in);
      return new Result(code, body.toByteArray());
    }
    if (length < 0) {
      length = 0; // the JDK server always sends a length or chunks on keep-alive answers
    }
    return new Result(code, exactly(in, (int) length));
  }

  private static byte[] exactly(InputStream in, int n) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException("body truncated");
    }
    return b;
  }

  /** One line without its CRLF. */
  static String line(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    for (int c = in.read(); ; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c == '\n') {
        int n = sb.length();
        if (n > 0 && sb.charAt(n - 1) == '\r') {
          sb.setLength(n - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
    }
  }
}

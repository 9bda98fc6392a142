package io.kesjava.it.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A client that sends exactly the bytes it is given over TLS and reads the raw response, so that
 * malformed requests reach the server as written.
 *
 * <p>Thread-safety: stateless; each call uses its own connection.
 */
final class RawClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final SSLContext context;
  private final int port;

  RawClient(SSLContext context, int port) {
    this.context = context;
    this.port = port;
  }

  /** A response, or the lack of one. */
  record Response(int status, Map<String, List<String>> headers, byte[] body, boolean closed) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The KES error message, or {@code null} when the body is not KES's error object. */
    String message() {
      try {
        JsonNode n = JSON.readTree(body);
        return n != null && n.isObject() && n.size() == 1 && n.get("message") != null
            && n.get("message").isTextual() ? n.get("message").asText() : null;
      } catch (IOException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + text();
    }
  }

  SSLSocket connect() throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }

  /** Sends {@code request} and reads one response. */
  Response send(byte[] request) throws IOException {
    return send(request, false);
  }

  /**
   * Sends {@code request} (from another thread, so that a server that answers before reading
   * everything does not block the client), optionally ends the client's side of the stream, and
   * reads one response.
   */
  Response send(byte[] request, boolean halfClose) throws IOException {
    try (SSLSocket s = connect()) {
      OutputStream out = s.getOutputStream();
      Thread writer = new Thread(() -> {
        try {
          out.write(request);
          out.flush();
          if (halfClose) {
            s.shutdownOutput();
          }
        } catch (IOException e) {
          // the server closed first: its answer is what counts
        }
      }, "raw-client-writer");
      writer.setDaemon(true);
      writer.start();
      InputStream in = new BufferedInputStream(s.getInputStream());
      Response r = read(in);
      try {
        writer.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return r;
    }
  }

  /** Reads responses until a final one (skipping 1xx); {@code closed} when there is none. */
  static Response read(InputStream in) throws IOException {
    while (true) {
      Response head;
      try {
        head = readHead(in);
      } catch (SocketTimeoutException e) {
        throw e;
      } catch (IOException e) {
        return new Response(0, Map.of(), new byte[0], true);
      }
      if (head == null) {
        return new Response(0, Map.of(), new byte[0], true);
      }
      if (head.status() >= 100 && head.status() < 200) {
        continue;
      }
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String len = head.header("content-length");
      if ("chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
        for (String size = line(in); size != null; size = line(in)) {
          int n = Integer.parseInt(size.trim(), 16);
          if (n == 0) {
            line(in);
            break;
          }
          body.write(in.readNBytes(n));
          line(in);
        }
      } else if (len != null) {
        body.write(in.readNBytes(Integer.parseInt(len)));
      } else {
        try {
          body.write(in.readAllBytes());
        } catch (IOException e) {
          // reset after the body
        }
      }
      return new Response(head.status(), head.headers(), body.toByteArray(), false);
    }
  }

  /** A status line and header fields; {@code null} at the end of the stream. */
  static Response readHead(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      return null;
    }
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP response: " + status);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int c = l.indexOf(':');
      headers.computeIfAbsent(l.substring(0, c).trim().toLowerCase(Locale.ROOT),
          k -> new ArrayList<>()).add(l.substring(c + 1).trim());
    }
    return new Response(Integer.parseInt(parts[1]), headers, new byte[0], false);
  }

  static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Plain TCP to the TLS port: for the plain-HTTP probe. */
  Socket plain() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.setSoTimeout(10_000);
    return s;
  }

  /** A request head with CRLF line ends: the request line, then the given fields, then CRLF. */
  static byte[] head(String requestLine, String... fields) {
    StringBuilder sb = new StringBuilder(requestLine).append("\r\n");
    for (String f : fields) {
      sb.append(f).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  /** {@code a} then {@code b}. */
  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}

package io.kesjava.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A lean HTTP/1.1 client over {@link SSLSocket}, one connection per request, so that tests see
 * the bytes the server sends and can send anything (odd methods, unclean paths, huge bodies).
 */
final class TestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final InetSocketAddress address;
  private final SSLContext context;

  TestClient(InetSocketAddress address, SSLContext context) {
    this.address = address;
    this.context = context;
  }

  /** A response: status, headers with lower-case names, body. */
  record Response(int status, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
      return v == null ? null : v.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + text(), e);
      }
    }

    /** The KES error message of an error response. */
    String message() {
      return json().get("message").asText();
    }
  }

  Response get(String path) throws IOException {
    return send("GET", path, null, Map.of());
  }

  Response put(String path, String json) throws IOException {
    return send("PUT", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8), Map.of());
  }

  Response post(String path, String json) throws IOException {
    return send("POST", path, json == null ? null : json.getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  Response send(String method, String path, byte[] body, Map<String, String> headers)
      throws IOException {
    try (SSLSocket s = connect()) {
      write(s.getOutputStream(), method, path, body, headers, true);
      return read(new BufferedInputStream(s.getInputStream()), method.equals("HEAD"));
    }
  }

  SSLSocket connect() throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory()
        .createSocket(address.getAddress(), address.getPort());
    s.setSoTimeout(20_000);
    s.startHandshake();
    return s;
  }

  static void write(OutputStream os, String method, String path, byte[] body,
      Map<String, String> headers, boolean close) throws IOException {
    StringBuilder sb = new StringBuilder();
    sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: localhost\r\n");
    if (close) {
      sb.append("Connection: close\r\n");
    }
    if (body != null) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    }
    headers.forEach((k, v) -> sb.append(k).append(": ").append(v).append("\r\n"));
    sb.append("\r\n");
    os.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      os.write(body);
    }
    os.flush();
  }

  /** Reads the status line and headers. */
  static Response readHead(InputStream in) throws IOException {
    String status = line(in);
    if (status == null) {
      throw new IOException("connection closed before a response");
    }
    int code = Integer.parseInt(status.split(" ")[1]);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
      int c = l.indexOf(':');
      headers.computeIfAbsent(l.substring(0, c).trim().toLowerCase(Locale.ROOT),
          k -> new ArrayList<>()).add(l.substring(c + 1).trim());
    }
    return new Response(code, headers, new byte[0]);
  }

  static Response read(InputStream in, boolean head) throws IOException {
    Response r = readHead(in);
    if (head) {
      return r;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    String len = r.header("content-length");
    if ("chunked".equalsIgnoreCase(r.header("transfer-encoding"))) {
      for (byte[] chunk = chunk(in); chunk != null; chunk = chunk(in)) {
        body.write(chunk);
      }
    } else if (len != null) {
      body.write(in.readNBytes(Integer.parseInt(len)));
    } else {
      body.write(in.readAllBytes());
    }
    return new Response(r.status(), r.headers(), body.toByteArray());
  }

  /** The next chunk of a chunked body; {@code null} at its end. */
  static byte[] chunk(InputStream in) throws IOException {
    String size = line(in);
    if (size == null) {
      return null;
    }
    int n = Integer.parseInt(size.trim(), 16);
    if (n == 0) {
      line(in);
      return null;
    }
    byte[] b = in.readNBytes(n);
    line(in);
    return b;
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
}

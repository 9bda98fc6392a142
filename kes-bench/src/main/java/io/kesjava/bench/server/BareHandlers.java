package io.kesjava.bench.server;

import com.sun.net.httpserver.HttpExchange;
import io.kesjava.bench.RawPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bare servers' handlers: the least a handler can do for each answer. No routing beyond the
 * server's path match, no authentication, policy, metrics or JSON library. The JDK {@code
 * HttpsServer} calls the {@code HttpExchange} methods; the bare routes on kes-server-jdk's own
 * HTTP layer ({@link io.kesjava.server.http.BareLayer}) call the body-to-body ones.
 */
final class BareHandlers {

  /** Exactly 100 bytes, newline included: the size of a small KES answer. */
  static final byte[] FIXED = fixedBody();

  private final byte[] masterKey;
  /**
   * Reference pipelines reused across requests. A {@code ThreadLocal} would be fresh for every
   * request on virtual threads, so a pool keeps the reference honest on Java 21+.
   */
  private final ConcurrentLinkedQueue<RawPipeline> pool = new ConcurrentLinkedQueue<>();

  BareHandlers(byte[] masterKey) {
    this.masterKey = masterKey.clone();
  }

  private static byte[] fixedBody() {
    StringBuilder sb = new StringBuilder("{\"plaintext\":\"");
    while (sb.length() < 100 - 3) {
      sb.append('A');
    }
    sb.append("\"}\n");
    byte[] b = sb.toString().getBytes(StandardCharsets.US_ASCII);
    if (b.length != 100) {
      throw new AssertionError(b.length);
    }
    return b;
  }

  void fixed(HttpExchange ex) throws IOException {
    readBody(ex);
    send(ex, FIXED);
  }

  /** The raw DEK pipeline: read the context, generate, answer KES's JSON shape. */
  void dek(HttpExchange ex) throws IOException {
    send(ex, dek(readBody(ex)));
  }

  /** The raw decrypt pipeline. */
  void decrypt(HttpExchange ex) throws IOException {
    byte[] answer;
    try {
      answer = decrypt(readBody(ex));
    } catch (IllegalArgumentException e) {
      ex.sendResponseHeaders(400, -1);
      ex.close();
      return;
    }
    send(ex, answer);
  }

  /** A request body to the fixed answer (the body is ignored). */
  byte[] fixed(byte[] body) {
    return FIXED;
  }

  /** A generate request body to its answer, by the raw DEK pipeline. */
  byte[] dek(byte[] body) {
    byte[] context = member(body, "context");
    RawPipeline p = borrow();
    byte[][] dek;
    try {
      dek = p.generate(context);
    } finally {
      pool.offer(p);
    }
    Base64.Encoder b64 = Base64.getEncoder();
    String json = "{\"plaintext\":\"" + b64.encodeToString(dek[0]) + "\",\"ciphertext\":\""
        + b64.encodeToString(dek[1]) + "\"}\n";
    Arrays.fill(dek[0], (byte) 0);
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * A decrypt request body to its answer, by the raw pipeline.
   *
   * @throws IllegalArgumentException if the ciphertext does not authenticate
   */
  byte[] decrypt(byte[] body) {
    byte[] ciphertext = member(body, "ciphertext");
    byte[] context = member(body, "context");
    RawPipeline p = borrow();
    byte[] plaintext;
    try {
      plaintext = p.decrypt(ciphertext, context);
    } finally {
      pool.offer(p);
    }
    String json = "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext) + "\"}\n";
    Arrays.fill(plaintext, (byte) 0);
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** {@code rss heapUsedAfterGc} in bytes, after a full GC. For the harness only. */
  void rss(HttpExchange ex) throws IOException {
    readBody(ex);
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    long rss = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    send(ex, (rss + " " + heap + "\n").getBytes(StandardCharsets.US_ASCII));
  }

  private RawPipeline borrow() {
    RawPipeline p = pool.poll();
    return p != null ? p : new RawPipeline(BenchServer.algorithm(), masterKey);
  }

  private static byte[] readBody(HttpExchange ex) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      return in.readAllBytes();
    }
  }

  private static void send(HttpExchange ex, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(body);
    }
    ex.close();
  }

  /** The base64 string member {@code name} of a flat JSON object, decoded; empty if absent. */
  static byte[] member(byte[] json, String name) {
    String s = new String(json, StandardCharsets.US_ASCII);
    String key = "\"" + name + "\":\"";
    int at = s.indexOf(key);
    if (at < 0) {
      return new byte[0];
    }
    int start = at + key.length();
    int end = s.indexOf('"', start);
    return Base64.getDecoder().decode(s.substring(start, end));
  }
}

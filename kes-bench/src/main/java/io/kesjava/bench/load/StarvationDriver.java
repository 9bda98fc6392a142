package io.kesjava.bench.load;

import io.kesjava.bench.DriverArgs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * The starvation load: clients that hold connections without completing a request, and an
 * authenticated client whose {@code GET /v1/status} latency is measured meanwhile, to loopback
 * only.
 *
 * <ul>
 *   <li>{@code --silent N}: TLS handshake, then nothing;
 *   <li>{@code --slowloris N}: TLS handshake, then one byte of a request head a second;
 *   <li>{@code --half N}: half a ClientHello on a TCP connection, no certificate needed.
 * </ul>
 *
 * <p>Each attacker reconnects as soon as the server closes its connection, so that the count
 * stays up for the whole run; the time the server kept each one open is recorded. At most 16
 * attacker handshakes run at once (more at the same moment only slow each other down past the
 * header timeout). Attackers
 * resume TLS sessions as any client would unless {@code --full-handshakes}. Meanwhile a probe
 * sends {@code GET /v1/status} every {@code --interval-ms}: once on a new connection, once on a
 * kept-alive one; a failed probe (reset, timeout after 30 s, non-200) counts as an error.
 *
 * <pre>
 * java -cp ... io.kesjava.bench.load.StarvationDriver --dir DIR --port P --label L \
 *     --silent 500 --slowloris 500 --half 200 --seconds 20 [--warmup 8] [--interval-ms 100] \
 *     [--full-handshakes] [--out results.jsonl]
 * </pre>
 *
 * <p>DIR holds the client certificate and key that the server admits ({@code BenchServer} writes
 * them). Attackers run on virtual threads where the driver's JDK has them.
 */
public final class StarvationDriver {

  static final byte[] HALF_CLIENT_HELLO = {22, 3, 1, 2, 0, 1, 0, 1, (byte) 252, 3, 3, 1, 2, 3,
      4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  static final byte[] SLOW_HEAD =
      "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
  static final byte[] STATUS =
      "GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

  private final SSLContext ssl;
  private final int port;
  private final boolean fullHandshakes;
  private final AtomicBoolean stop = new AtomicBoolean();
  /**
   * At most this many attacker handshakes at once: a thousand at the same moment would each take
   * longer than the server's header timeout on two cores and never finish.
   */
  private final java.util.concurrent.Semaphore handshakes = new java.util.concurrent.Semaphore(16);
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicInteger connectFailures = new AtomicInteger();
  private final ConcurrentLinkedQueue<Long> lifetimes = new ConcurrentLinkedQueue<>();
  private volatile boolean recording;

  StarvationDriver(SSLContext ssl, int port, boolean fullHandshakes) {
    this.ssl = ssl;
    this.port = port;
    this.fullHandshakes = fullHandshakes;
  }

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args, "--full-handshakes");
    Path dir = a.path("--dir");
    int port = a.integer("--port", 0);
    String label = a.string("--label", "");
    String out = a.string("--out", null);
    int silent = a.integer("--silent", 0);
    int slowloris = a.integer("--slowloris", 0);
    int half = a.integer("--half", 0);
    double seconds = a.decimal("--seconds", 20);
    double warmup = a.decimal("--warmup", 8);
    long intervalMs = a.value("--interval-ms", Long::valueOf, 100L);
    boolean full = a.has("--full-handshakes");
    a.done();
    if (dir == null || port == 0) {
      throw new IllegalArgumentException("--dir and --port are required");
    }
    StarvationDriver d = new StarvationDriver(LoadDriver.clientContext(dir), port, full);
    String line = d.run(label, silent, slowloris, half, warmup, seconds, intervalMs);
    System.out.println(line);
    if (out != null) {
      Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
    System.exit(0); // attacker threads may still sit in a read
  }

  String run(String label, int silent, int slowloris, int half, double warmup, double seconds,
      long intervalMs) throws Exception {
    ExecutorService threads = threads();
    for (int i = 0; i < half; i++) {
      threads.execute(() -> attack(Kind.HALF));
    }
    for (int i = 0; i < silent; i++) {
      threads.execute(() -> attack(Kind.SILENT));
    }
    for (int i = 0; i < slowloris; i++) {
      threads.execute(() -> attack(Kind.SLOWLORIS));
    }
    int target = silent + slowloris + half;
    // Until every attacker is open at least once (or the warm-up ends), then measure.
    long warmEnd = System.nanoTime() + (long) (warmup * 1e9);
    while (System.nanoTime() < warmEnd && open.get() < target * 0.95) {
      Thread.sleep(50);
    }
    String loadBefore = LoadDriver.loadAverage();
    recording = true;
    LongList fresh = new LongList();
    LongList kept = new LongList();
    LongList openSamples = new LongList();
    int errors = 0;
    long end = System.nanoTime() + (long) (seconds * 1e9);
    Socket keptSocket = null;
    InputStream keptIn = null;
    while (System.nanoTime() < end) {
      openSamples.add(open.get());
      long t0 = System.nanoTime();
      try (SSLSocket s = connect(30_000)) {
        OutputStream os = s.getOutputStream();
        os.write(STATUS);
        os.flush();
        if (HttpResponse.read(new BufferedInputStream(s.getInputStream())).status() != 200) {
          errors++;
        } else {
          fresh.add(System.nanoTime() - t0);
        }
      } catch (IOException e) {
        errors++;
      }
      t0 = System.nanoTime();
      try {
        if (keptSocket == null) {
          keptSocket = connect(30_000);
          keptIn = new BufferedInputStream(keptSocket.getInputStream());
          t0 = System.nanoTime(); // the handshake is not what this probe measures
        }
        keptSocket.getOutputStream().write(STATUS);
        keptSocket.getOutputStream().flush();
        if (HttpResponse.read(keptIn).status() != 200) {
          errors++;
        } else {
          kept.add(System.nanoTime() - t0);
        }
      } catch (IOException e) {
        errors++;
        close(keptSocket);
        keptSocket = null;
      }
      Thread.sleep(intervalMs);
    }
    recording = false;
    stop.set(true);
    close(keptSocket);
    threads.shutdownNow();
    long[] life = lifetimes.stream().mapToLong(Long::longValue).toArray();
    Stats f = Stats.of(List.of(fresh));
    Stats k = Stats.of(List.of(kept));
    Stats o = Stats.of(List.of(openSamples));
    Stats l = Stats.of(life);
    return String.format(Locale.ROOT,
        "{\"label\":\"%s\",\"driver\":\"java%d\",\"silent\":%d,\"slowloris\":%d,\"half\":%d,"
            + "\"full_handshakes\":%b,\"seconds\":%.0f,\"open_min\":%d,\"open_p50\":%d,"
            + "\"open_max\":%d,\"probes\":%d,\"errors\":%d,"
            + "\"new_conn_p50_ms\":%.1f,\"new_conn_p90_ms\":%.1f,\"new_conn_p99_ms\":%.1f,"
            + "\"new_conn_max_ms\":%.1f,\"keepalive_p50_ms\":%.1f,\"keepalive_p99_ms\":%.1f,"
            + "\"keepalive_max_ms\":%.1f,\"attacker_closes\":%d,\"held_min_ms\":%d,"
            + "\"held_p50_ms\":%d,\"held_max_ms\":%d,\"attacker_connect_failures\":%d,"
            + "\"load_before\":\"%s\",\"load_after\":\"%s\"}",
        label, Runtime.version().feature(), silent, slowloris, half, fullHandshakes, seconds,
        o.percentile(1e-9), o.percentile(0.5), o.percentile(1.0), fresh.size() + errors, errors,
        ms(f.percentile(0.5)), ms(f.percentile(0.9)), ms(f.percentile(0.99)), ms(f.percentile(1)),
        ms(k.percentile(0.5)), ms(k.percentile(0.99)), ms(k.percentile(1)), l.count(),
        l.percentile(1e-9), l.percentile(0.5), l.percentile(1.0), connectFailures.get(),
        loadBefore, LoadDriver.loadAverage());
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  enum Kind { SILENT, SLOWLORIS, HALF }

  private void attack(Kind kind) {
    while (!stop.get()) {
      Socket s;
      try {
        handshakes.acquireUninterruptibly();
        try {
          s = kind == Kind.HALF ? half() : connect(60_000);
        } finally {
          handshakes.release();
        }
      } catch (IOException e) {
        connectFailures.incrementAndGet();
        sleep(100);
        continue;
      }
      long start = System.nanoTime();
      open.incrementAndGet();
      try {
        hold(kind, s);
      } finally {
        open.decrementAndGet();
        close(s);
      }
      if (recording) {
        lifetimes.add((System.nanoTime() - start) / 1_000_000);
      }
    }
  }

  private Socket half() throws IOException {
    Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
    s.getOutputStream().write(HALF_CLIENT_HELLO);
    s.getOutputStream().flush();
    return s;
  }

  private SSLSocket connect(int timeoutMs) throws IOException {
    SSLSocket s = (SSLSocket) ssl.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), port);
    s.setTcpNoDelay(true);
    s.setSoTimeout(timeoutMs);
    s.startHandshake();
    if (fullHandshakes) {
      s.getSession().invalidate();
    }
    return s;
  }

  /** Holds the connection until the server closes it. */
  private void hold(Kind kind, Socket s) {
    try {
      InputStream in = s.getInputStream();
      if (kind != Kind.SLOWLORIS) {
        s.setSoTimeout(120_000);
        while (!stop.get() && in.read() >= 0) {
          // an answer would be a byte; keep waiting for the close
        }
        return;
      }
      s.setSoTimeout(1000);
      OutputStream out = s.getOutputStream();
      for (int i = 0; !stop.get(); i++) {
        out.write(i < SLOW_HEAD.length ? SLOW_HEAD[i] : 'a');
        out.flush();
        try {
          if (in.read() < 0) {
            return; // closed: the wait for it was the second between bytes
          }
        } catch (SocketTimeoutException stillOpen) {
          // a second passed: the next byte
        }
      }
    } catch (IOException e) {
      // closed by the server
    }
  }

  private static void close(Socket s) {
    if (s != null) {
      try {
        s.close();
      } catch (IOException e) {
        // gone
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Virtual threads where the JDK has them, else platform threads with small stacks. */
  private static ExecutorService threads() {
    try {
      Method m = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException e) {
      AtomicInteger n = new AtomicInteger();
      return Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "attacker-" + n.incrementAndGet(), 256 * 1024);
        t.setDaemon(true);
        return t;
      });
    }
  }
}

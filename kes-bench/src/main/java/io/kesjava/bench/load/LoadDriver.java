package io.kesjava.bench.load;

import io.kesjava.bench.DriverArgs;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.Tls;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A lean HTTP/1.1 load driver over {@link SSLSocket}: a client certificate, N keep-alive
 * connections on N platform threads, each sending its next request as soon as the last answer is
 * read, for a fixed time and at most a fixed number of requests, to loopback only.
 *
 * <p>Targets run in alternating slices (round 1: A, B, C; round 2: A, B, C; ...), so that a load
 * change on the machine hits every target alike and the ratios hold. For each target it reports
 * requests per second, p50/p99/p99.9 latency, and the CPU time per request of the server process
 * (from {@link ProcessHandle.Info#totalCpuDuration()}, i.e. /proc/PID/stat) and of the driver.
 *
 * <pre>
 * java -cp ... io.kesjava.bench.load.LoadDriver --dir DIR --label jdk17 \
 *     --target kes-generate:KESPORT:/v1/key/generate/bench-key:generate \
 *     --target bare-dek:BAREPORT:/dek:generate \
 *     --connections 1,8,32 --seconds 4 --rounds 2 --warmup 3 [--handshake] [--out results.jsonl]
 * </pre>
 *
 * <p>Body kinds: {@code none} (GET), {@code generate} ({@code {"context":...}}), {@code decrypt}
 * (a ciphertext from DIR/ciphertexts and the context), {@code keys:N} (generate on {@code
 * PATH<i>} for i = 0..N-1, each once; the run ends after N requests). A target {@code NAME@PID}
 * reads the CPU time of process PID instead of the one in DIR/ports: for A/B runs of two server
 * builds that share DIR's client certificate.
 */
public final class LoadDriver {

  static final String CONTEXT_B64 = "eyJidWNrZXQiOiJwaG90b3MiLCJvYmplY3QiOiIyMDI0LzAxL2ltZy0wMDAxIn0=";
  /** Upper bound on requests per slice, to bound memory and time whatever the speed. */
  static final long MAX_REQUESTS = 5_000_000;

  private final SSLContext ssl;
  private final long serverPid;
  private final List<String> ciphertexts;

  LoadDriver(SSLContext ssl, long serverPid, List<String> ciphertexts) {
    this.ssl = ssl;
    this.serverPid = serverPid;
    this.ciphertexts = ciphertexts;
  }

  /**
   * What to load: a name, a port on 127.0.0.1, a path and the kind of request body; {@code pid}
   * is the server process when it is not the one in DIR/ports ({@code NAME@PID}), else 0.
   */
  record Target(String name, long pid, int port, String path, String body) {
    static Target parse(String spec) {
      String[] p = spec.split(":", 4);
      if (p.length != 4) {
        throw new IllegalArgumentException("target is NAME[@PID]:PORT:PATH:BODY, not " + spec);
      }
      String name = p[0];
      long pid = 0;
      int at = name.indexOf('@');
      if (at >= 0) {
        pid = Long.parseLong(name.substring(at + 1));
        name = name.substring(0, at);
      }
      return new Target(name, pid, Integer.parseInt(p[1]), p[2], p[3]);
    }
  }

  /** What one slice measured. */
  static final class Tally {
    final List<LongList> latencies = new ArrayList<>();
    long requests;
    long errors;
    long nanos;
    long serverCpuNanos;
    long clientCpuNanos;

    void add(Tally t) {
      latencies.addAll(t.latencies);
      requests += t.requests;
      errors += t.errors;
      nanos += t.nanos;
      serverCpuNanos += t.serverCpuNanos;
      clientCpuNanos += t.clientCpuNanos;
    }
  }

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args, "--handshake");
    Path dir = a.path("--dir");
    String label = a.string("--label", "");
    String out = a.string("--out", null);
    List<Target> targets = a.repeated("--target", Target::parse);
    List<Integer> connections = a.list("--connections", Integer::valueOf, List.of(1, 8, 32));
    double seconds = a.decimal("--seconds", 4);
    double warmup = a.decimal("--warmup", 3);
    int rounds = a.integer("--rounds", 2);
    boolean handshake = a.has("--handshake");
    a.done();
    if (dir == null || targets.isEmpty()) {
      throw new IllegalArgumentException("--dir and at least one --target are required");
    }
    String[] ports = Files.readString(dir.resolve("ports")).trim().split(" ");
    long pid = Long.parseLong(ports[2]);
    LoadDriver driver = new LoadDriver(clientContext(dir), pid,
        Files.readAllLines(dir.resolve("ciphertexts")));

    if (warmup > 0) {
      for (Target t : targets) {
        driver.slice(t, connections.get(connections.size() - 1), warmup, handshake);
      }
    }
    for (int c : connections) {
      Map<Target, Tally> sums = new LinkedHashMap<>();
      for (int r = 0; r < rounds; r++) {
        for (Target t : targets) {
          sums.computeIfAbsent(t, k -> new Tally()).add(driver.slice(t, c, seconds, handshake));
        }
      }
      for (Map.Entry<Target, Tally> e : sums.entrySet()) {
        String line = report(label, e.getKey(), c, handshake, e.getValue());
        System.out.println(line);
        if (out != null) {
          Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        }
      }
    }
  }

  static SSLContext clientContext(Path dir) {
    CertifiedKey cred = new CertifiedKey(Pem.readPrivateKey(dir.resolve("client.key"), null),
        Pem.readCertificates(dir.resolve("client.cert")));
    // Loopback only, to a server this harness started: no point verifying its certificate.
    return Tls.clientContext().credential(cred).insecureTrustAnyServer().build();
  }

  /** One JSON line: the figures of one target at one connection count. */
  static String report(String label, Target t, int connections, boolean handshake, Tally s) {
    Stats st = Stats.of(s.latencies);
    double secs = s.nanos / 1e9;
    double rps = s.requests / secs;
    return String.format(Locale.ROOT,
        "{\"label\":\"%s\",\"target\":\"%s\",\"mode\":\"%s\",\"connections\":%d,"
            + "\"requests\":%d,\"errors\":%d,\"seconds\":%.2f,\"rps\":%.0f,"
            + "\"p50_us\":%.0f,\"p99_us\":%.0f,\"p999_us\":%.0f,"
            + "\"server_cpu_us\":%.1f,\"client_cpu_us\":%.1f,\"load\":\"%s\"}",
        label, t.name(), handshake ? "handshake" : "keepalive", connections, s.requests, s.errors,
        secs, rps, st.percentile(0.50) / 1e3, st.percentile(0.99) / 1e3,
        st.percentile(0.999) / 1e3, s.requests == 0 ? 0 : s.serverCpuNanos / 1e3 / s.requests,
        s.requests == 0 ? 0 : s.clientCpuNanos / 1e3 / s.requests, loadAverage());
  }

  public static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  static long cpuNanos(ProcessHandle p) {
    return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }

  /** Runs {@code connections} clients against {@code t} for {@code seconds}; returns the tally. */
  Tally slice(Target t, int connections, double seconds, boolean handshake) throws Exception {
    long pid = t.pid() != 0 ? t.pid() : serverPid;
    ProcessHandle server = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException("server process " + pid + " is gone"));
    CountDownLatch ready = new CountDownLatch(connections);
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong budget = new AtomicLong(t.body().startsWith("keys:")
        ? Long.parseLong(t.body().substring(5)) : MAX_REQUESTS);
    AtomicLong keyIndex = new AtomicLong();
    long[] deadline = new long[1];
    Client[] clients = new Client[connections];
    Thread[] threads = new Thread[connections];
    for (int i = 0; i < connections; i++) {
      Client c = new Client(t, i, handshake, ready, go, deadline, budget, keyIndex);
      clients[i] = c;
      threads[i] = new Thread(c, "load-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    ready.await();
    long cpuServer0 = cpuNanos(server);
    long cpuClient0 = cpuNanos(ProcessHandle.current());
    long t0 = System.nanoTime();
    deadline[0] = t0 + (long) (seconds * 1e9);
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    long t1 = System.nanoTime();
    Tally tally = new Tally();
    tally.nanos = t1 - t0;
    tally.serverCpuNanos = cpuNanos(server) - cpuServer0;
    tally.clientCpuNanos = cpuNanos(ProcessHandle.current()) - cpuClient0;
    for (Client c : clients) {
      tally.latencies.add(c.latencies);
      tally.requests += c.latencies.size();
      tally.errors += c.errors;
      if (c.failure != null && c.latencies.size() == 0) {
        throw new IllegalStateException("client failed on " + t.name(), c.failure);
      }
    }
    return tally;
  }

  /** One connection (or, with handshakes, one client making a connection per request). */
  final class Client implements Runnable {
    final Target target;
    final int index;
    final boolean handshake;
    final CountDownLatch ready;
    final CountDownLatch go;
    final long[] deadline;
    final AtomicLong budget;
    final AtomicLong keyIndex;
    final LongList latencies = new LongList();
    long errors;
    Exception failure;

    Client(Target target, int index, boolean handshake, CountDownLatch ready, CountDownLatch go,
        long[] deadline, AtomicLong budget, AtomicLong keyIndex) {
      this.target = target;
      this.index = index;
      this.handshake = handshake;
      this.ready = ready;
      this.go = go;
      this.deadline = deadline;
      this.budget = budget;
      this.keyIndex = keyIndex;
    }

    @Override
    public void run() {
      SSLSocket socket = null;
      try {
        if (!handshake) {
          socket = connect();
        }
      } catch (IOException e) {
        failure = e;
      } finally {
        ready.countDown();
      }
      try {
        go.await();
        if (failure != null) {
          return;
        }
        InputStream in = socket == null ? null : new BufferedInputStream(socket.getInputStream());
        OutputStream os = socket == null ? null : socket.getOutputStream();
        for (long n = 0; System.nanoTime() < deadline[0] && budget.getAndDecrement() > 0; n++) {
          byte[] request = request(n);
          long start = System.nanoTime();
          if (handshake) {
            try (SSLSocket s = connect()) {
              s.getOutputStream().write(request);
              s.getOutputStream().flush();
              check(HttpResponse.read(new BufferedInputStream(s.getInputStream())).status());
              s.getSession().invalidate(); // the next connection must do a full handshake
            }
          } else {
            os.write(request);
            os.flush();
            check(HttpResponse.read(in).status());
          }
          latencies.add(System.nanoTime() - start);
        }
      } catch (Exception e) {
        failure = e;
        errors++;
      } finally {
        if (socket != null) {
          try {
            socket.close();
          } catch (IOException e) {
            // gone already
          }
        }
      }
    }

    private void check(int status) {
      if (status != 200) {
        errors++;
      }
    }

    private SSLSocket connect() throws IOException {
      SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket();
      s.setTcpNoDelay(true);
      s.connect(new InetSocketAddress("127.0.0.1", target.port()), 5000);
      s.setSoTimeout(30_000);
      s.startHandshake();
      return s;
    }

    private byte[] request(long n) {
      String body;
      String path = target.path();
      switch (target.body()) {
        case "none" -> body = null;
        case "generate" -> body = "{\"context\":\"" + CONTEXT_B64 + "\"}";
        case "decrypt" -> body = "{\"ciphertext\":\""
            + ciphertexts.get((int) ((n * 31 + index) % ciphertexts.size()))
            + "\",\"context\":\"" + CONTEXT_B64 + "\"}";
        default -> {
          if (!target.body().startsWith("keys:")) {
            throw new IllegalArgumentException("unknown body kind " + target.body());
          }
          path = path + keyIndex.getAndIncrement();
          body = "{\"context\":\"" + CONTEXT_B64 + "\"}";
        }
      }
      return encode(body == null ? "GET" : "POST", path, body, handshake);
    }
  }

  /** An HTTP/1.1 request; {@code close} asks the server to close after answering. */
  static byte[] encode(String method, String path, String body, boolean close) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (close) {
      sb.append("Connection: close\r\n");
    }
    if (body != null) {
      sb.append("Content-Type: application/json\r\nContent-Length: ")
          .append(body.getBytes(StandardCharsets.UTF_8).length).append("\r\n\r\n").append(body);
    } else {
      sb.append("\r\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}

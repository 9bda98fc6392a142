package io.kesjava.bench.load;

import io.kesjava.bench.DriverArgs;
import io.kesjava.client.KesClient;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * The scale-out runs: {@code kes server} processes on one shared key store, driven through {@link
 * KesClient} with the servers' endpoints, as an application would use them.
 *
 * <p>{@code C} clients (each its own {@code KesClient}, as separate application nodes would have)
 * with {@code T} threads each call {@code generateKey} on a key picked at random from {@code K}
 * keys, one call after another. The first {@code n} endpoints are given to the clients.
 *
 * <ul>
 *   <li>Throughput (default): all servers loaded for twice the warm-up (JIT, key caches), then for
 *       each round ({@code --rounds}) and each {@code n} of {@code --servers} in turn, a warm-up,
 *       then a measured
 *       period: requests per second, latency, errors, the servers' CPU time per request (their
 *       {@code /proc} figures), and the key-store calls the servers made, read from the files
 *       that kes-bench's counting key store ({@code bench-counted}) keeps up to date.
 *   <li>{@code --kill-after S}: all endpoints, and after S seconds the last server is killed with
 *       SIGKILL; every 100 ms bucket of successes and errors is kept, and the time until the
 *       clients run at the rate they had before, without errors.
 * </ul>
 *
 * <pre>
 * java -cp ... io.kesjava.bench.load.ScaleOutDriver --setup DIR        # credentials, once
 * java -cp ... io.kesjava.bench.load.ScaleOutDriver --dir DIR --label fs-cache-on \
 *     --endpoints https://127.0.0.1:P1,... --pids PID1,... --counts DIR/counts-1,... \
 *     --servers 1,2,3 [--rounds 3 --clients 4 --threads 2 --keys 1000 --warmup 2 --seconds 4] \
 *     [--kill-after 4 --duration 12] [--out scaleout.jsonl]
 * </pre>
 */
public final class ScaleOutDriver {

  static final byte[] CONTEXT =
      "{\"bucket\":\"photos\",\"object\":\"2024/01/img-0001\"}".getBytes(StandardCharsets.UTF_8);
  static final long BUCKET_NANOS = 100_000_000L;

  private final Path dir;
  private final List<String> endpoints;
  private final List<Long> pids;
  private final List<Path> counts;
  private final int clients;
  private final int threads;
  private final int keys;

  ScaleOutDriver(Path dir, List<String> endpoints, List<Long> pids, List<Path> counts,
      int clients, int threads, int keys) {
    this.dir = dir;
    this.endpoints = endpoints;
    this.pids = pids;
    this.counts = counts;
    this.clients = clients;
    this.threads = threads;
    this.keys = keys;
  }

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args);
    Path setup = a.path("--setup");
    Path dir = a.path("--dir");
    String label = a.string("--label", "");
    String out = a.string("--out", null);
    List<String> endpoints = a.list("--endpoints", Function.identity(), List.of());
    List<Long> pids = a.list("--pids", Long::valueOf, List.of());
    List<Path> counts = a.list("--counts", Path::of, List.of());
    List<Integer> servers = a.list("--servers", Integer::valueOf, List.of(1));
    int clients = a.integer("--clients", 4);
    int threads = a.integer("--threads", 2);
    int keys = a.integer("--keys", 1000);
    double warmup = a.decimal("--warmup", 2);
    double seconds = a.decimal("--seconds", 4);
    double killAfter = a.decimal("--kill-after", -1);
    double duration = a.decimal("--duration", 12);
    int rounds = a.integer("--rounds", 1);
    a.done();
    if (setup != null) {
      setup(setup);
      return;
    }
    if (dir == null || endpoints.isEmpty() || pids.size() != endpoints.size()
        || counts.size() != endpoints.size()) {
      throw new IllegalArgumentException(
          "--dir and as many --endpoints as --pids and --counts are required");
    }
    ScaleOutDriver d = new ScaleOutDriver(dir, endpoints, pids, counts, clients, threads, keys);
    List<String> lines = new ArrayList<>();
    if (killAfter >= 0) {
      lines.add(d.kill(label, killAfter, duration));
    } else {
      // Every server warm (JIT, key cache) before the first measurement: a server that joins
      // cold would otherwise count its start-up against the figure with more servers.
      d.warm(servers.stream().mapToInt(Integer::intValue).max().orElse(1), 2 * warmup);
      // Alternating slices (1, 2, 3, 1, 2, 3, ...): a burst of other work on the machine hits
      // every server count alike; the summary takes the median slice of each.
      for (int r = 0; r < rounds; r++) {
        for (int n : servers) {
          lines.add(d.throughput(label, n, warmup, seconds).replace("\"mode\":\"throughput\",",
              "\"mode\":\"throughput\",\"round\":" + r + ","));
        }
      }
    }
    for (String line : lines) {
      System.out.println(line);
      if (out != null) {
        Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      }
    }
  }

  /** Writes the server's and the client's credentials and the admin identity into DIR. */
  static void setup(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (Files.exists(dir.resolve("client.cert"))) {
      return;
    }
    CertifiedKey server = SelfSigned.server().build();
    CertifiedKey client = SelfSigned.builder().commonName("kes-bench").clientAuth().build();
    for (Map.Entry<String, CertifiedKey> e : Map.of("server", server, "client", client)
        .entrySet()) {
      Files.writeString(dir.resolve(e.getKey() + ".key"),
          Pem.encodePrivateKey(e.getValue().privateKey()));
      Files.writeString(dir.resolve(e.getKey() + ".cert"),
          Pem.encodeCertificate(e.getValue().certificate()));
    }
    Files.writeString(dir.resolve("admin.identity"),
        Identity.of(client.certificate()).value() + "\n");
  }

  private KesClient[] clients(int n) {
    KesClient[] cs = new KesClient[clients];
    for (int i = 0; i < clients; i++) {
      cs[i] = KesClient.builder()
          .endpoint(endpoints.subList(0, n).toArray(String[]::new))
          .clientCertificate(dir.resolve("client.cert"), dir.resolve("client.key"))
          .trustedCertificates(dir.resolve("server.cert"))
          .build();
    }
    return cs;
  }

  private static void close(KesClient[] cs) {
    for (KesClient c : cs) {
      c.close();
    }
  }

  /** Creates the keys the load uses, unless they exist. */
  private void createKeys(KesClient c) {
    for (int i = 0; i < keys; i++) {
      try {
        c.createKey(keyName(i));
      } catch (KeyExistsException e) {
        // from an earlier run on this store
      }
    }
  }

  static String keyName(int i) {
    return "bench-" + i;
  }

  /** The load: every thread calls generateKey until {@code end}, recording what happened. */
  final class Load {
    final long start = System.nanoTime();
    final long end;
    final AtomicLongArray ok;
    final AtomicLongArray failed;
    final List<LongList> latencies = new ArrayList<>();
    /** Each call's end time and latency, for the kill run: {@code [endNanos, latencyNanos]}. */
    final List<LongList> ends = new ArrayList<>();
    final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    volatile long measureFrom;
    private final Thread[] workers;

    Load(KesClient[] cs, double seconds) {
      this.end = start + (long) (seconds * 1e9);
      int buckets = (int) ((end - start) / BUCKET_NANOS) + 2;
      ok = new AtomicLongArray(buckets);
      failed = new AtomicLongArray(buckets);
      measureFrom = Long.MAX_VALUE;
      workers = new Thread[cs.length * threads];
      for (int i = 0; i < workers.length; i++) {
        LongList lat = new LongList();
        LongList at = new LongList();
        latencies.add(lat);
        ends.add(at);
        KesClient c = cs[i % cs.length];
        workers[i] = new Thread(() -> run(c, lat, at), "scaleout-" + i);
        workers[i].setDaemon(true);
      }
    }

    void start() {
      for (Thread t : workers) {
        t.start();
      }
    }

    void join() throws InterruptedException {
      for (Thread t : workers) {
        t.join();
      }
    }

    private void run(KesClient c, LongList lat, LongList at) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      long now;
      while ((now = System.nanoTime()) < end) {
        String name = keyName(random.nextInt(keys));
        boolean success;
        try (DataKey k = c.generateKey(name, CONTEXT)) {
          success = k.ciphertext().length == 32 + 44;
        } catch (RuntimeException e) {
          success = false;
          String m = String.valueOf(e.getMessage());
          errors.computeIfAbsent(e.getClass().getSimpleName() + ": "
              + (m.length() > 120 ? m.substring(0, 120) : m), x -> new LongAdder()).increment();
        }
        long done = System.nanoTime();
        int bucket = (int) ((done - start) / BUCKET_NANOS);
        if (bucket < ok.length()) {
          (success ? ok : failed).incrementAndGet(bucket);
        }
        if (now >= measureFrom) {
          lat.add(done - now);
        }
        at.add(done);
        at.add(done - now);
      }
    }
  }

  /** Load on the first {@code n} servers for {@code seconds}, not measured. */
  void warm(int n, double seconds) throws Exception {
    KesClient[] cs = clients(n);
    try {
      createKeys(cs[0]);
      Load load = new Load(cs, seconds);
      load.start();
      load.join();
    } finally {
      close(cs);
    }
  }

  /** One throughput figure with the first {@code n} servers. */
  String throughput(String label, int n, double warmup, double seconds) throws Exception {
    KesClient[] cs = clients(n);
    try {
      createKeys(cs[0]);
      Load load = new Load(cs, warmup + seconds);
      load.measureFrom = load.start + (long) (warmup * 1e9);
      load.start();
      Thread.sleep((long) (warmup * 1000));
      long[] store0 = storeCalls(n);
      long cpu0 = serverCpu(n);
      long me0 = LoadDriver.cpuNanos(ProcessHandle.current());
      long t0 = System.nanoTime();
      load.join();
      long t1 = System.nanoTime();
      long cpu1 = serverCpu(n);
      long me1 = LoadDriver.cpuNanos(ProcessHandle.current());
      Thread.sleep(250); // the counting stores write their files every 100 ms
      long[] store1 = storeCalls(n);
      Stats st = Stats.of(load.latencies);
      long requests = st.count();
      long errors = 0;
      int from = (int) ((load.measureFrom - load.start) / BUCKET_NANOS);
      for (int b = from; b < load.failed.length(); b++) {
        errors += load.failed.get(b);
      }
      double secs = (t1 - t0) / 1e9;
      long gets = store1[0] - store0[0];
      long calls = store1[1] - store0[1];
      return String.format(Locale.ROOT,
          "{\"label\":\"%s\",\"mode\":\"throughput\",\"servers\":%d,\"clients\":%d,\"threads\":%d,"
              + "\"keys\":%d,\"requests\":%d,\"errors\":%d,\"seconds\":%.2f,\"rps\":%.0f,"
              + "\"p50_us\":%.0f,\"p99_us\":%.0f,\"p999_us\":%.0f,\"store_gets\":%d,"
              + "\"store_calls\":%d,\"store_gets_per_s\":%.1f,\"store_calls_per_s\":%.1f,"
              + "\"store_gets_per_request\":%.4f,\"server_cpu_us\":%.1f,\"client_cpu_us\":%.1f,"
              + "\"error_kinds\":%s,\"load\":\"%s\"}",
          label, n, clients, threads, keys, requests, errors, secs, requests / secs,
          st.percentile(0.5) / 1e3, st.percentile(0.99) / 1e3, st.percentile(0.999) / 1e3,
          gets, calls, gets / secs, calls / secs, requests == 0 ? 0 : gets / (double) requests,
          requests == 0 ? 0 : (cpu1 - cpu0) / 1e3 / requests,
          requests == 0 ? 0 : (me1 - me0) / 1e3 / requests, errorKinds(load),
          LoadDriver.loadAverage());
    } finally {
      close(cs);
    }
  }

  /** All servers, then the last one killed with SIGKILL after {@code killAfter} seconds. */
  String kill(String label, double killAfter, double duration) throws Exception {
    int n = endpoints.size();
    KesClient[] cs = clients(n);
    try {
      createKeys(cs[0]);
      Load load = new Load(cs, duration);
      load.measureFrom = load.start;
      load.start();
      Thread.sleep((long) (killAfter * 1000));
      ProcessHandle victim = ProcessHandle.of(pids.get(n - 1))
          .orElseThrow(() -> new IllegalStateException("server " + pids.get(n - 1) + " is gone"));
      long killedAt = System.nanoTime();
      victim.destroyForcibly(); // SIGKILL
      load.join();
      int kb = (int) ((killedAt - load.start) / BUCKET_NANOS);
      int last = (int) ((load.end - load.start) / BUCKET_NANOS) - 1;
      // The rate before: the second before the kill, after a first second of warm-up.
      int from = Math.max(10, kb - 10);
      double before = 0;
      for (int b = from; b < kb; b++) {
        before += load.ok.get(b);
      }
      before /= Math.max(1, kb - from);
      // Recovered: from the first bucket after which no bucket has an error or less than 80% of
      // the rate before.
      int recovered = kb;
      long errorsAfter = 0;
      for (int b = kb; b <= last; b++) {
        errorsAfter += load.failed.get(b);
        if (load.failed.get(b) > 0 || load.ok.get(b) < 0.8 * before) {
          recovered = b + 1;
        }
      }
      double after = 0;
      int afterFrom = Math.min(last, recovered + 5);
      for (int b = afterFrom; b <= last; b++) {
        after += load.ok.get(b);
      }
      after /= Math.max(1, last - afterFrom + 1);
      // The calls in flight at the kill: the longest latency of a call that ended after it.
      long maxAfter = 0;
      long slowCalls = 0;
      for (LongList at : load.ends) {
        long[] v = new long[at.size()];
        at.addAllTo(v, 0);
        for (int i = 0; i + 1 < v.length; i += 2) {
          if (v[i] >= killedAt && v[i] - v[i + 1] <= killedAt) {
            maxAfter = Math.max(maxAfter, v[i + 1]);
            if (v[i + 1] > 100_000_000L) {
              slowCalls++;
            }
          }
        }
      }
      long errors = 0;
      for (int b = 0; b < load.failed.length(); b++) {
        errors += load.failed.get(b);
      }
      StringBuilder timeline = new StringBuilder("[");
      StringBuilder failures = new StringBuilder("[");
      for (int b = Math.max(0, kb - 10); b <= Math.min(last, kb + 30); b++) {
        timeline.append(timeline.length() > 1 ? "," : "").append(load.ok.get(b));
        failures.append(failures.length() > 1 ? "," : "").append(load.failed.get(b));
      }
      return String.format(Locale.ROOT,
          "{\"label\":\"%s\",\"mode\":\"kill\",\"servers\":%d,\"clients\":%d,\"threads\":%d,"
              + "\"kill_after_s\":%.1f,\"rps_before\":%.0f,\"rps_after\":%.0f,\"errors\":%d,"
              + "\"errors_after_kill\":%d,\"recover_ms\":%d,\"in_flight_max_ms\":%.1f,"
              + "\"calls_over_100ms_at_kill\":%d,\"ok_per_100ms_from_1s_before\":%s],"
              + "\"errors_per_100ms_from_1s_before\":%s],\"error_kinds\":%s,\"load\":\"%s\"}",
          label, n, clients, threads, killAfter, before * 10, after * 10, errors, errorsAfter,
          (recovered - kb) * 100, maxAfter / 1e6, slowCalls, timeline, failures,
          errorKinds(load), LoadDriver.loadAverage());
    } finally {
      close(cs);
    }
  }

  private static String errorKinds(Load load) {
    Map<String, Long> sorted = new TreeMap<>();
    load.errors.forEach((k, v) -> sorted.put(k, v.sum()));
    StringBuilder sb = new StringBuilder("{");
    sorted.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "").append('"')
        .append(k.replace("\\", "\\\\").replace("\"", "'")).append("\":").append(v));
    return sb.append('}').toString();
  }

  /** {@code [gets, all calls]} of the first {@code n} servers' key stores so far. */
  private long[] storeCalls(int n) throws IOException {
    long gets = 0;
    long all = 0;
    for (int i = 0; i < n; i++) {
      Path f = counts.get(i);
      if (!Files.exists(f)) {
        continue;
      }
      String[] p = Files.readString(f).trim().split(" ");
      gets += Long.parseLong(p[0]);
      for (String s : p) {
        all += Long.parseLong(s);
      }
    }
    return new long[] {gets, all};
  }

  /** The CPU time of the first {@code n} server processes so far. */
  private long serverCpu(int n) {
    long sum = 0;
    for (int i = 0; i < n; i++) {
      sum += ProcessHandle.of(pids.get(i)).map(LoadDriver::cpuNanos).orElse(0L);
    }
    return sum;
  }
}

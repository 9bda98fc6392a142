package io.kesjava.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns one results directory of {@code run.sh} into Markdown: ratios against the targets first,
 * then the figures they come from.
 *
 * <pre>java -cp ... io.kesjava.bench.Summary kes-bench/target/results/TIME</pre>
 */
public final class Summary {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final StringBuilder md = new StringBuilder();
  /** JMH scores by "label tN Bench.method params" (ops/s). */
  private final Map<String, double[]> jmh = new LinkedHashMap<>();

  private Summary(Path dir) {
    this.dir = dir;
  }

  public static void main(String[] args) throws IOException {
    Summary s = new Summary(Path.of(args[0]));
    s.run();
    System.out.print(s.md);
  }

  private void run() throws IOException {
    readJmh();
    md.append("# Results ").append(dir.getFileName()).append("\n\n```\n");
    if (Files.exists(dir.resolve("machine.txt"))) {
      md.append(Files.readString(dir.resolve("machine.txt")));
    }
    md.append("```\n\n");
    engineRatios();
    paired();
    keysAndCache();
    keysPaired();
    server();
    handshakes();
    startupAndRss();
    scaleOut();
    jmhTable();
  }

  private void readJmh() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().startsWith("jmh-")
          && p.toString().endsWith(".json")).sorted().toList();
    }
    for (Path f : files) {
      String label = f.getFileName().toString().split("-")[1];
      for (JsonNode b : JSON.readTree(f.toFile())) {
        String name = b.get("benchmark").asText().replace("io.kesjava.bench.jmh.", "");
        StringBuilder params = new StringBuilder();
        JsonNode p = b.get("params");
        if (p != null) {
          for (Map.Entry<String, JsonNode> e : p.properties()) {
            params.append(' ').append(e.getKey()).append('=').append(e.getValue().asText());
          }
        }
        JsonNode m = b.get("primaryMetric");
        jmh.put(label + " t" + b.get("threads").asInt() + " " + name + params,
            new double[] {m.get("score").asDouble(), m.get("scoreError").asDouble()});
      }
    }
  }

  private double score(String key) {
    double[] v = jmh.get(key);
    return v == null ? Double.NaN : v[0];
  }

  private void engineRatios() {
    if (jmh.isEmpty()) {
      return;
    }
    md.append("## Engine against the raw JCA pipeline and Tink (JMH, ops/s)\n\n")
        .append("Targets: engine generate ≥ 1.15× raw on Java 17, ≥ 1.3× on Java 25; decrypt ≥ 1.0×")
        .append(" on both.\n\n")
        .append("| JDK | threads | operation | engine | raw | engine/raw | Tink AES-GCM | engine/Tink |\n")
        .append("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (String label : List.of("java17", "java25")) {
      for (int t = 1; t <= 2; t++) {
        String pre = label + " t" + t + " ";
        for (String alg : List.of("AES256", "CHACHA20")) {
          row(label, t, "generate " + alg, score(pre + "GenerateBench.engine algorithm=" + alg),
              score(pre + "GenerateBench.raw algorithm=" + alg), Double.NaN);
          for (String size : List.of("32", "4096")) {
            for (String op : List.of("encrypt", "decrypt")) {
              String params = " algorithm=" + alg + " size=" + size;
              row(label, t, op + " " + size + " B " + alg,
                  score(pre + "SealBench." + op + "Engine" + params),
                  score(pre + "SealBench." + op + "Raw" + params),
                  alg.equals("AES256") ? score(pre + "TinkBench." + op + " size=" + size)
                      : Double.NaN);
            }
          }
        }
        row(label, t, "hmac 32 B", score(pre + "HmacBench.engine"), score(pre + "HmacBench.raw"),
            Double.NaN);
      }
    }
    md.append('\n');
  }

  private void row(String label, int t, String op, double engine, double raw, double tink) {
    if (Double.isNaN(engine)) {
      return;
    }
    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | **%s** | %s | %s |\n", label,
        t, op, num(engine), num(raw), ratio(engine / raw), num(tink), ratio(engine / tink)));
  }

  private void paired() throws IOException {
    Path f = dir.resolve("paired.jsonl");
    if (!Files.exists(f)) {
      return;
    }
    md.append("## Engine against raw in CPU time (paired slices in one JVM, 1 thread)\n\n")
        .append("| JDK | key | operation | µs CPU/op | vs raw |\n| --- | --- | --- | ---: | ---: |\n");
    for (String line : Files.readAllLines(f)) {
      JsonNode n = JSON.readTree(line);
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %s |\n", n.get("label").asText(),
          n.get("algorithm").asText(), n.get("bench").asText(), n.get("us_per_op").asDouble(),
          bold(n.get("bench").asText().contains("engine"), ratio(n.get("vs_raw").asDouble()))));
    }
    md.append('\n');
  }

  private void keysAndCache() {
    if (jmh.isEmpty()) {
      return;
    }
    md.append("## Keys in use and the cache (JMH, ops/s)\n\n")
        .append("Target: engine generate at 100,000 keys ≥ 0.95 of the raw pipeline behind a map")
        .append(" at 100,000 keys, 1 and 2 threads (the last column, in bold).\n\n")
        .append("| JDK | threads | case | ops/s | vs 1 key / vs hit | engine / raw |\n")
        .append("| --- | --- | --- | ---: | ---: | ---: |\n");
    for (String label : List.of("java17", "java25")) {
      for (int t = 1; t <= 2; t++) {
        String pre = label + " t" + t + " ";
        for (String m : List.of("generate", "raw")) {
          double one = score(pre + "KeysBench." + m + " keys=1");
          for (String k : List.of("1", "1000", "100000")) {
            double v = score(pre + "KeysBench." + m + " keys=" + k);
            if (!Double.isNaN(v)) {
              double raw = score(pre + "KeysBench.raw keys=" + k);
              md.append(String.format(Locale.ROOT, "| %s | %d | %s, %s keys | %s | %s | %s |\n",
                  label, t, m.equals("raw") ? "raw pipeline + CHM lookup" : "engine generate", k,
                  num(v), ratio(v / one), m.equals("generate")
                      ? bold(k.equals("100000"), ratio(v / raw)) : ""));
            }
          }
        }
        double hit = score(pre + "CacheBench.describe path=hit");
        for (String p : List.of("hit", "missMem", "missFs")) {
          double v = score(pre + "CacheBench.describe path=" + p);
          if (!Double.isNaN(v)) {
            md.append(String.format(Locale.ROOT, "| %s | %d | describeKey, cache %s | %s | %s | |\n",
                label, t, p, num(v), ratio(v / hit)));
          }
        }
      }
    }
    md.append('\n');
  }

  private void scaleOut() throws IOException {
    List<JsonNode> l = lines("scaleout.jsonl");
    if (l.isEmpty()) {
      return;
    }
    md.append("## Scale-out: kes server processes on one key store, KesClient with the endpoint")
        .append(" list\n\n")
        .append("Median of the alternating slices (all slices in brackets).\n\n")
        .append("| store, cache | servers | req/s (slices) | vs 1 server | p50 µs | p99 µs | errors |")
        .append(" store gets/s | store gets per request | server CPU µs/req | load |\n")
        .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    // The median slice (by req/s) of each store, cache and server count.
    Map<String, List<JsonNode>> slices = new LinkedHashMap<>();
    for (JsonNode n : l) {
      if (n.get("mode").asText().equals("throughput")) {
        slices.computeIfAbsent(n.get("label").asText() + "|" + n.get("servers").asInt(),
            k -> new ArrayList<>()).add(n);
      }
    }
    Map<String, Double> one = new LinkedHashMap<>();
    for (List<JsonNode> v : slices.values()) {
      List<JsonNode> sorted = v.stream()
          .sorted(Comparator.comparingDouble((JsonNode n) -> n.get("rps").asDouble())).toList();
      JsonNode n = sorted.get(sorted.size() / 2);
      String label = n.get("label").asText();
      double rps = n.get("rps").asDouble();
      if (n.get("servers").asInt() == 1) {
        one.put(label, rps);
      }
      md.append(String.format(Locale.ROOT,
          "| %s | %d | %s (%s) | %s | %.0f | %.0f | %d | %.1f | %.4f | %.1f | %s |\n", label,
          n.get("servers").asInt(), num(rps), String.join(", ", sorted.stream()
              .map(x -> num(x.get("rps").asDouble())).toList()),
          ratio(rps / one.getOrDefault(label, Double.NaN)),
          n.get("p50_us").asDouble(), n.get("p99_us").asDouble(), n.get("errors").asLong(),
          n.get("store_gets_per_s").asDouble(), n.get("store_gets_per_request").asDouble(),
          n.get("server_cpu_us").asDouble(), n.get("load").asText()));
    }
    md.append("\n| store, cache | servers | req/s before / after the kill | errors after the kill |")
        .append(" recovered after ms | longest call across the kill ms | error kinds |\n")
        .append("| --- | ---: | --- | ---: | ---: | ---: | --- |\n");
    for (JsonNode n : l) {
      if (n.get("mode").asText().equals("kill")) {
        md.append(String.format(Locale.ROOT, "| %s | %d | %s / %s | %d | %d | %.1f | %s |\n",
            n.get("label").asText(), n.get("servers").asInt(), num(n.get("rps_before").asDouble()),
            num(n.get("rps_after").asDouble()), n.get("errors_after_kill").asLong(),
            n.get("recover_ms").asLong(), n.get("in_flight_max_ms").asDouble(),
            n.get("error_kinds").toString().replace("|", "/")));
      }
    }
    md.append('\n');
  }

  private void keysPaired() throws IOException {
    List<JsonNode> l = lines("keys-paired.jsonl");
    if (l.isEmpty()) {
      return;
    }
    md.append("## Keys in use, in CPU time (KeysPaired: alternating slices, all threads at once)\n\n")
        .append("Target: engine at 100,000 keys ≥ 0.95 of raw + map at 100,000 keys (bold).\n\n")
        .append("| JDK | threads | variant | keys | µs CPU/op | vs raw, same keys | vs itself at 1 key |")
        .append(" load |\n| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |\n");
    for (JsonNode n : l) {
      boolean target = n.get("bench").asText().equals("engine") && n.get("keys").asInt() > 1;
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %.3f | %s | %s | %s |\n",
          n.get("label").asText(), n.get("threads").asInt(), n.get("bench").asText(),
          n.get("keys").asInt(), n.get("us_per_op").asDouble(),
          bold(target, ratio(n.get("vs_raw_same_keys").asDouble())),
          ratio(n.get("vs_same_1_key").asDouble()), n.get("load").asText()));
    }
    md.append('\n');
  }

  private List<JsonNode> lines(String file) throws IOException {
    Path f = dir.resolve(file);
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(f)) {
      for (String line : Files.readAllLines(f)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  private JsonNode find(List<JsonNode> l, String label, String target, int c, String mode) {
    return l.stream().filter(n -> n.get("label").asText().equals(label)
            && n.get("target").asText().equals(target) && n.get("connections").asInt() == c
            && n.get("mode").asText().equals(mode))
        .findFirst().orElse(null);
  }

  private void server() throws IOException {
    List<JsonNode> l = lines("load.jsonl");
    if (l.isEmpty()) {
      return;
    }
    md.append("## The server against bare handlers (keep-alive, mutual TLS)\n\n")
        .append("bare-*: the JDK's HttpsServer; layer-*: bare handlers on the KES server's own HTTP")
        .append(" layer (TLS, the client's identity, a hand-written JSON answer). Target at 32")
        .append(" connections on Java 25: KES generate ≥ 0.9 of layer-dek's req/s.\n\n")
        .append("| JDK | conns | pair | req/s ratio | CPU/req ratio | p99 ratio |\n")
        .append("| --- | ---: | --- | ---: | ---: | ---: |\n");
    String[][] pairs = {{"kes-generate", "layer-dek"}, {"kes-decrypt", "layer-dek-decrypt"},
        {"layer-dek", "layer-fixed"}, {"kes-generate", "bare-dek"}, {"layer-dek", "bare-dek"},
        {"bare-dek", "bare-fixed"}};
    for (String label : List.of("java17", "java25")) {
      for (int c : List.of(1, 8, 32)) {
        for (String[] p : pairs) {
          JsonNode a = find(l, label, p[0], c, "keepalive");
          JsonNode b = find(l, label, p[1], c, "keepalive");
          if (a == null || b == null) {
            continue;
          }
          boolean target = c == 32 && p[0].equals("kes-generate") && p[1].equals("layer-dek");
          md.append(String.format(Locale.ROOT, "| %s | %d | %s / %s | %s | %s | %s |\n", label, c,
              p[0], p[1], bold(target, ratio(a.get("rps").asDouble() / b.get("rps").asDouble())),
              bold(target, ratio(a.get("server_cpu_us").asDouble()
                  / b.get("server_cpu_us").asDouble())),
              bold(target, ratio(a.get("p99_us").asDouble() / b.get("p99_us").asDouble()))));
        }
      }
    }
    md.append("\n| JDK | conns | target | req/s | p50 µs | p99 µs | p99.9 µs | server CPU µs/req |")
        .append(" driver CPU µs/req | errors | load |\n")
        .append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    l.sort(Comparator.comparing((JsonNode n) -> n.get("mode").asText()).reversed()
        .thenComparing(n -> n.get("label").asText())
        .thenComparingInt(n -> n.get("connections").asInt()));
    for (JsonNode n : l) {
      if (!n.get("mode").asText().equals("keepalive")) {
        continue;
      }
      loadRow(n);
    }
    md.append('\n');
  }

  private void loadRow(JsonNode n) {
    md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.0f | %.0f | %.0f | %.1f | %.1f | %d | %s |\n",
        n.get("label").asText(), n.get("connections").asInt(), n.get("target").asText(),
        num(n.get("rps").asDouble()), n.get("p50_us").asDouble(), n.get("p99_us").asDouble(),
        n.get("p999_us").asDouble(), n.get("server_cpu_us").asDouble(),
        n.get("client_cpu_us").asDouble(), n.get("errors").asLong(), n.get("load").asText()));
  }

  private void handshakes() throws IOException {
    List<JsonNode> l = lines("load.jsonl").stream()
        .filter(n -> n.get("mode").asText().equals("handshake")).toList();
    if (l.isEmpty()) {
      return;
    }
    md.append("## New TLS connections (full handshake + one request each)\n\n")
        .append("| JDK | clients | target | connections/s | p50 µs | p99 µs | server CPU µs/conn |")
        .append(" driver CPU µs/conn | errors | load |\n")
        .append("| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for (JsonNode n : l) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.0f | %.0f | %.0f | %.0f | %d | %s |\n",
          n.get("label").asText(), n.get("connections").asInt(), n.get("target").asText(),
          num(n.get("rps").asDouble()), n.get("p50_us").asDouble(), n.get("p99_us").asDouble(),
          n.get("server_cpu_us").asDouble(), n.get("client_cpu_us").asDouble(),
          n.get("errors").asLong(), n.get("load").asText()));
    }
    for (String label : List.of("java17", "java25")) {
      JsonNode k = l.stream().filter(n -> n.get("label").asText().equals(label)
          && n.get("target").asText().equals("kes-generate")).findFirst().orElse(null);
      JsonNode b = l.stream().filter(n -> n.get("label").asText().equals(label)
          && n.get("target").asText().equals("bare-dek")).findFirst().orElse(null);
      if (k != null && b != null) {
        md.append(String.format(Locale.ROOT, "\n%s: KES / bare connections per second **%s**, CPU"
            + " per connection **%s**.\n", label,
            ratio(k.get("rps").asDouble() / b.get("rps").asDouble()),
            ratio(k.get("server_cpu_us").asDouble() / b.get("server_cpu_us").asDouble())));
      }
    }
    md.append('\n');
  }

  private void startupAndRss() throws IOException {
    List<JsonNode> s = lines("startup.jsonl");
    if (!s.isEmpty()) {
      md.append("## Start to the first 200 of /v1/ready (median of runs)\n\n")
          .append("| what | runs (ms) | median ms |\n| --- | --- | ---: |\n");
      Map<String, List<Double>> by = new LinkedHashMap<>();
      for (JsonNode n : s) {
        by.computeIfAbsent(n.get("label").asText(), k -> new ArrayList<>())
            .add(n.get("ready_ms").asDouble());
      }
      by.forEach((k, v) -> {
        List<Double> sorted = v.stream().sorted().toList();
        md.append(String.format(Locale.ROOT, "| %s | %s | **%.0f** |\n", k, v.stream()
            .map(d -> String.format(Locale.ROOT, "%.0f", d)).toList(), sorted.get(sorted.size() / 2)));
      });
      md.append('\n');
    }
    List<JsonNode> r = lines("rss.jsonl");
    if (!r.isEmpty()) {
      md.append("## Resident memory of the server process (heap: live, after a full GC)\n\n")
          .append("| JDK | keys | used | RSS empty | heap empty | RSS keys created | heap |")
          .append(" RSS keys used | heap | heap per key |\n")
          .append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
      for (JsonNode n : r) {
        long empty = n.path("heap_empty").asLong(0);
        md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %s | %s | %s | **%s** | %s | %s |\n",
            n.get("label").asText(), n.get("keys").asLong(), n.get("used").asLong(),
            mib(n.path("rss_empty").asLong(0)), mib(empty),
            mib(n.get("rss_before").asLong()), mib(n.get("heap_before").asLong()),
            mib(n.get("rss_after").asLong()), mib(n.get("heap_after").asLong()),
            empty == 0 ? "" : String.format(Locale.ROOT, "%.0f B",
                (n.get("heap_after").asLong() - empty) / (double) n.get("keys").asLong())));
      }
      md.append('\n');
    }
  }

  private void jmhTable() {
    if (jmh.isEmpty()) {
      return;
    }
    md.append("## All JMH scores (ops/s ± 99.9% error)\n\n| run | benchmark | score | error |\n")
        .append("| --- | --- | ---: | ---: |\n");
    jmh.forEach((k, v) -> {
      int sp = k.indexOf(' ', k.indexOf(' ') + 1);
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s |\n", k.substring(0, sp),
          k.substring(sp + 1), num(v[0]), num(v[1])));
    });
    md.append('\n');
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
  }

  private static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String ratio(double v) {
    return Double.isNaN(v) || Double.isInfinite(v) ? "" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String bold(boolean b, String s) {
    return b && !s.isEmpty() ? "**" + s + "**" : s;
  }
}

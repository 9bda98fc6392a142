package io.kesjava.bench;

import io.kesjava.core.KesEngine;
import io.kesjava.keystore.MemoryKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * JMH's {@code KeysBench} in CPU time: engine generate against the raw pipeline behind a {@code
 * ConcurrentHashMap} from name to key bytes, each with 1 and with {@code --keys} keys picked
 * uniformly at random, with 1 or 2 threads, measured by {@link CpuSlices}. Contention between the
 * threads (shared cache lines) costs CPU time and so does count; blocking would not, and neither
 * variant blocks on a hit.
 *
 * <pre>java -cp ... io.kesjava.bench.KeysPaired [--keys 100000] [--threads 1,2] [--rounds 9]
 *     [--label L] [--out F]</pre>
 */
public final class KeysPaired {

  static volatile Object sink;

  private KeysPaired() {}

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args);
    int keys = a.integer("--keys", 100_000);
    List<Integer> threadCounts = a.list("--threads", Integer::valueOf, List.of(1, 2));
    int rounds = a.integer("--rounds", 9);
    String label = a.string("--label", System.getProperty("java.specification.version"));
    String out = a.string("--out", null);
    a.done();
    byte[] context =
        "{\"bucket\":\"photos\",\"object\":\"2024/01/img-0001\"}".getBytes(StandardCharsets.UTF_8);
    KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore()).build();
    String[] names = new String[keys];
    ConcurrentHashMap<String, byte[]> rawKeys = new ConcurrentHashMap<>();
    SecureRandom sr = new SecureRandom();
    for (int i = 0; i < keys; i++) {
      names[i] = "bench-key-" + i;
      engine.createKey(names[i]);
      byte[] k = new byte[32];
      sr.nextBytes(k);
      rawKeys.put(names[i], k);
    }
    String one = names[0];
    int n = keys;
    List<String> lines = new ArrayList<>();
    boolean warm = false;
    for (int threads : threadCounts) {
      ThreadLocal<RawPipeline> raw = ThreadLocal.withInitial(
          () -> new RawPipeline(RawPipeline.Algorithm.AES256, new byte[32]));
      Map<String, Runnable> ops = new LinkedHashMap<>();
      ops.put("engine.1", () -> sink = engine.generateKey(one, context));
      ops.put("raw.1", () -> sink = raw.get().generate(rawKeys.get(one), context));
      ops.put("engine." + n, () -> sink = engine.generateKey(
          names[ThreadLocalRandom.current().nextInt(n)], context));
      ops.put("raw." + n, () -> sink = raw.get().generate(
          rawKeys.get(names[ThreadLocalRandom.current().nextInt(n)]), context));
      if (!warm) {
        CpuSlices.run(ops, 8, threads); // JIT: about 6 s of every variant before the first measurement
        warm = true;
      }
      Map<String, Double> r = CpuSlices.run(ops, rounds, threads);
      for (Map.Entry<String, Double> e : r.entrySet()) {
        String variant = e.getKey();
        String k = variant.substring(variant.indexOf('.') + 1);
        String line = String.format(Locale.ROOT,
            "{\"label\":\"%s\",\"threads\":%d,\"bench\":\"%s\",\"keys\":%s,"
                + "\"ops_per_cpu_s\":%.0f,\"us_per_op\":%.3f,\"vs_raw_same_keys\":%.3f,"
                + "\"vs_same_1_key\":%.3f,\"load\":\"%s\"}",
            label, threads, variant.substring(0, variant.indexOf('.')), k, e.getValue(),
            1e6 / e.getValue(), e.getValue() / r.get("raw." + k),
            e.getValue() / r.get(variant.substring(0, variant.indexOf('.')) + ".1"),
            io.kesjava.bench.load.LoadDriver.loadAverage());
        lines.add(line);
        System.out.println(line);
      }
    }
    engine.close();
    CpuSlices.append(out, lines);
  }
}

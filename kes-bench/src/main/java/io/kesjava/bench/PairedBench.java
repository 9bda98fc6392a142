package io.kesjava.bench;

import io.kesjava.core.KesEngine;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.MasterKey;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Engine against reference, measured as operations per second of the thread's own CPU time, in
 * alternating 200 ms slices in one JVM (A, B, C, A, B, C, ...; the first third discarded as
 * warm-up). On a machine shared with other work this is steadier than JMH's wall-clock throughput:
 * time the thread spends descheduled does not count, and drift hits every variant alike. One
 * thread only.
 *
 * <pre>java -cp ... io.kesjava.bench.PairedBench [--rounds 24] [--label L] [--out F]</pre>
 */
public final class PairedBench {

  static volatile Object sink;

  private PairedBench() {}

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args);
    int rounds = a.integer("--rounds", 24);
    String label = a.string("--label", System.getProperty("java.specification.version"));
    String out = a.string("--out", null);
    a.done();
    byte[] context =
        "{\"bucket\":\"photos\",\"object\":\"2024/01/img-0001\"}".getBytes(StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (KeyAlgorithm alg : KeyAlgorithm.values()) {
      byte[] mk = new byte[32];
      new SecureRandom().nextBytes(mk);
      KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore()).build();
      engine.importKey("k", alg, mk);
      MasterKey masterKey = MasterKey.of(alg, SecretBytes.copyOf(mk));
      boolean aes = alg == KeyAlgorithm.AES256;
      RawPipeline raw = new RawPipeline(
          aes ? RawPipeline.Algorithm.AES256 : RawPipeline.Algorithm.CHACHA20, mk);
      FastPipeline fast = new FastPipeline(
          aes ? FastPipeline.Variant.JCA_MIDSTATE : FastPipeline.Variant.CHACHA_BC, mk);
      byte[][] cts = new byte[1024][];
      for (int i = 0; i < cts.length; i++) {
        cts[i] = engine.encrypt("k", new byte[32], context);
      }
      int[] next = new int[1];
      Supplier<byte[]> ct = () -> cts[next[0]++ & 1023];

      Map<String, Runnable> ops = new LinkedHashMap<>();
      ops.put("generate.engine", () -> sink = engine.generateKey("k", context));
      ops.put("generate.raw", () -> sink = raw.generate(context));
      ops.put("generate.fast", () -> sink = fast.generate(context));
      ops.put("decrypt.engine", () -> sink = engine.decrypt("k", ct.get(), context));
      ops.put("decrypt.raw", () -> sink = raw.decrypt(ct.get(), context));
      ops.put("decrypt.fast", () -> sink = fast.decrypt(ct.get(), context));
      // kes-crypto alone, without the engine around it: what of the engine's cost is not crypto.
      ops.put("generate.masterkey", () -> sink = masterKey.encryptRandom(new byte[32], context));
      ops.put("decrypt.masterkey", () -> sink = masterKey.decrypt(ct.get(), context));
      Map<String, Double> r = CpuSlices.run(ops, rounds, 1);
      for (Map.Entry<String, Double> e : r.entrySet()) {
        String name = e.getKey();
        String op = name.substring(0, name.indexOf('.'));
        double ref = r.get(op + ".raw");
        lines.add(String.format(Locale.ROOT,
            "{\"label\":\"%s\",\"algorithm\":\"%s\",\"bench\":\"%s\",\"ops_per_cpu_s\":%.0f,"
                + "\"us_per_op\":%.3f,\"vs_raw\":%.3f}",
            label, alg.apiName(), name, e.getValue(), 1e6 / e.getValue(), e.getValue() / ref));
      }
      engine.close();
      masterKey.close();
    }
    for (String l : lines) {
      System.out.println(l);
    }
    CpuSlices.append(out, lines);
  }
}

package io.kesjava.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The measuring loop of {@link PairedBench} and {@link KeysPaired}: every variant runs in turn for
 * 200 ms slices, {@code rounds} times, on {@code threads} threads that all run the same variant at
 * once (a barrier between slices). Each thread counts its own operations and CPU time; the first
 * third of the rounds is warm-up and discarded. A machine busy with other work slows every variant
 * alike, and time spent descheduled does not count.
 */
final class CpuSlices {

  private static final long SLICE_NANOS = 200_000_000L;
  private static final int BATCH = 64;

  private CpuSlices() {}

  /** Operations per CPU-second of each variant, summed over the threads, in insertion order. */
  static Map<String, Double> run(Map<String, Runnable> ops, int rounds, int threads)
      throws InterruptedException {
    List<String> names = new ArrayList<>(ops.keySet());
    AtomicLongArray count = new AtomicLongArray(names.size());
    AtomicLongArray cpu = new AtomicLongArray(names.size());
    CyclicBarrier barrier = new CyclicBarrier(threads);
    Thread[] ts = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      ts[t] = new Thread(() -> {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        try {
          for (int round = 0; round < rounds; round++) {
            for (int v = 0; v < names.size(); v++) {
              Runnable op = ops.get(names.get(v));
              barrier.await();
              long c0 = mx.getCurrentThreadCpuTime();
              long end = System.nanoTime() + SLICE_NANOS;
              long n = 0;
              while (System.nanoTime() < end) {
                for (int j = 0; j < BATCH; j++) {
                  op.run();
                }
                n += BATCH;
              }
              long c1 = mx.getCurrentThreadCpuTime();
              if (round >= rounds / 3) {
                count.addAndGet(v, n);
                cpu.addAndGet(v, c1 - c0);
              }
            }
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }, "cpu-slices-" + t);
      ts[t].start();
    }
    for (Thread t : ts) {
      t.join();
    }
    Map<String, Double> result = new LinkedHashMap<>();
    for (int v = 0; v < names.size(); v++) {
      result.put(names.get(v), count.get(v) / (cpu.get(v) / 1e9));
    }
    return result;
  }

  /** Appends the result lines to {@code out}, if one was named. */
  static void append(String out, List<String> lines) throws IOException {
    if (out != null) {
      Files.write(Path.of(out), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }
}

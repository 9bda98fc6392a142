package io.kesjava.bench.load;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles of latencies, exact: every sample is kept (a run is bounded in count), sorted once,
 * and the nearest-rank percentile is read ({@code ceil(p * n)}-th smallest).
 */
final class Stats {

  private final long[] sorted;

  private Stats(long[] sorted) {
    this.sorted = sorted;
  }

  /** Merges the per-connection samples. */
  static Stats of(List<LongList> lists) {
    int n = 0;
    for (LongList l : lists) {
      n += l.size();
    }
    long[] all = new long[n];
    int off = 0;
    for (LongList l : lists) {
      l.addAllTo(all, off);
      off += l.size();
    }
    Arrays.sort(all);
    return new Stats(all);
  }

  static Stats of(long... samples) {
    long[] copy = samples.clone();
    Arrays.sort(copy);
    return new Stats(copy);
  }

  int count() {
    return sorted.length;
  }

  /**
   * The nearest-rank percentile: the smallest sample with at least {@code p} of all samples at or
   * below it; 0 without samples.
   *
   * @param p in (0, 1]
   */
  long percentile(double p) {
    if (!(p > 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be in (0, 1]: " + p);
    }
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }
}

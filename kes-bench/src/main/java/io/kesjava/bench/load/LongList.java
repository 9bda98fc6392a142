package io.kesjava.bench.load;

import java.util.Arrays;

/** A growable array of longs: the latencies one connection recorded. Not thread-safe. */
final class LongList {

  private long[] values = new long[1024];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  void addAllTo(long[] target, int offset) {
    System.arraycopy(values, 0, target, offset, size);
  }
}

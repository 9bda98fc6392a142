package io.kesjava.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {

  @Test
  void percentile_isNearestRank() {
    long[] samples = new long[1000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = 1000 - i; // unsorted on purpose
    }
    Stats s = Stats.of(samples);
    assertThat(s.count()).isEqualTo(1000);
    assertThat(s.percentile(0.5)).isEqualTo(500);
    assertThat(s.percentile(0.99)).isEqualTo(990);
    assertThat(s.percentile(0.999)).isEqualTo(999);
    assertThat(s.percentile(1.0)).isEqualTo(1000);
  }

  @Test
  void percentile_ofFewSamples_isTheLargestNeeded() {
    Stats s = Stats.of(5, 1, 3);
    assertThat(s.percentile(0.5)).isEqualTo(3);
    assertThat(s.percentile(0.999)).isEqualTo(5);
  }

  @Test
  void percentile_withoutSamples_isZero() {
    assertThat(Stats.of().percentile(0.5)).isZero();
  }

  @Test
  void percentile_outOfRange_fails() {
    assertThatThrownBy(() -> Stats.of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_mergesConnections() {
    LongList a = new LongList();
    LongList b = new LongList();
    for (int i = 0; i < 3000; i++) {
      (i % 2 == 0 ? a : b).add(i);
    }
    Stats s = Stats.of(List.of(a, b));
    assertThat(s.count()).isEqualTo(3000);
    assertThat(s.percentile(0.5)).isEqualTo(1499);
  }
}

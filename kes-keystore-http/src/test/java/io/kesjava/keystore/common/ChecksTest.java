package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {

  @Test
  void timeoutsMustBePositive_andRetryWaitsNotNegative() {
    assertThat(Checks.positive(Duration.ofMillis(1))).isEqualTo(Duration.ofMillis(1));
    assertThatThrownBy(() -> Checks.positive(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive");
    assertThatThrownBy(() -> Checks.positive(null)).isInstanceOf(NullPointerException.class);
    Checks.notNegative(Duration.ZERO, Duration.ZERO);
    assertThatThrownBy(() -> Checks.notNegative(Duration.ofMillis(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("retry waits must not be negative");
    assertThatThrownBy(() -> Checks.notNegative(Duration.ZERO, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aBackoffGrowsFromAPositiveBase() {
    Checks.backoff(Duration.ofMillis(100), Duration.ofMillis(100));
    for (Duration[] bad :
        new Duration[][] {
          {Duration.ZERO, Duration.ofSeconds(1)},
          {Duration.ofSeconds(2), Duration.ofSeconds(1)},
          {Duration.ofMillis(-1), Duration.ofSeconds(1)}
        }) {
      assertThatThrownBy(() -> Checks.backoff(bad[0], bad[1]))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("backoff needs 0 < base <= max");
    }
  }

  @Test
  void counts_haveALowerBound() {
    assertThat(Checks.atLeast(1, 3, "maxAttempts")).isEqualTo(3);
    assertThatThrownBy(() -> Checks.atLeast(1, 0, "maxAttempts"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAttempts must be at least 1: 0");
  }
}

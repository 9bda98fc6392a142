package io.kesjava.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class GoDurationProperties {

  @Property
  void parse_readsBackWhatFormatWrites(@ForAll long nanos) {
    Duration duration = Duration.ofNanos(nanos);

    assertThat(GoDuration.parse(GoDuration.format(duration))).isEqualTo(duration);
  }

  @Property
  void parse_readsBackWhatFormatWrites_forShortDurations(@ForAll("short") long nanos) {
    Duration duration = Duration.ofNanos(nanos);

    assertThat(GoDuration.parse(GoDuration.format(duration))).isEqualTo(duration);
  }

  /** Within ±5 s, where the ns, µs and ms forms are written. */
  @Provide("short")
  Arbitrary<Long> shortDurations() {
    return Arbitraries.longs().between(-5_000_000_000L, 5_000_000_000L);
  }

  /** Groups such as {@code 3h}, {@code 20m}, {@code 7s}, {@code 500ms} add up as whole units. */
  @Property
  void parse_addsUpWholeUnitGroups(
      @ForAll("count") int hours,
      @ForAll("count") int minutes,
      @ForAll("count") int seconds,
      @ForAll("count") int millis,
      @ForAll boolean negative) {
    String text =
        (negative ? "-" : "") + hours + "h" + minutes + "m" + seconds + "s" + millis + "ms";
    Duration expected =
        Duration.ofHours(hours).plusMinutes(minutes).plusSeconds(seconds).plusMillis(millis);

    assertThat(GoDuration.parse(text)).isEqualTo(negative ? expected.negated() : expected);
  }

  @Provide
  Arbitrary<Integer> count() {
    return Arbitraries.integers().between(0, 100_000);
  }
}

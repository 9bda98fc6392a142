package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.keystore.internal.GoDuration;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Durations and counts as the CLI prints them: Go's formats, singular for exactly one. */
class OutputFormatTest {

  @Test
  void uptime_inKesUnits_singularForOne() {
    assertThat(StatusCommand.uptime(Duration.ZERO)).isEqualTo("0 seconds");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(1))).isEqualTo("1 second");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(59))).isEqualTo("59 seconds");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(60))).isEqualTo("60 seconds");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(61))).isEqualTo("1 minute");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(89))).isEqualTo("1 minute");
    assertThat(StatusCommand.uptime(Duration.ofSeconds(90))).isEqualTo("2 minutes");
    assertThat(StatusCommand.uptime(Duration.ofMinutes(60))).isEqualTo("60 minutes");
    assertThat(StatusCommand.uptime(Duration.ofMinutes(61))).isEqualTo("1 hour");
    assertThat(StatusCommand.uptime(Duration.ofHours(5))).isEqualTo("5 hours");
    assertThat(StatusCommand.uptime(Duration.ofHours(24))).isEqualTo("24 hours");
    assertThat(StatusCommand.uptime(Duration.ofHours(25))).isEqualTo("1 day 1 hour");
    assertThat(StatusCommand.uptime(Duration.ofHours(48).plusMinutes(59)))
        .isEqualTo("2 days 0 hours");
    assertThat(StatusCommand.uptime(Duration.ofHours(24 * 3 + 23))).isEqualTo("3 days 23 hours");
  }

  @Property
  void uptime_neverSaysOneWithAPlural(@ForAll @LongRange(min = 0, max = 10_000_000) long s) {
    String text = StatusCommand.uptime(Duration.ofSeconds(s));
    assertThat(text).doesNotMatch("(^|.* )1 [a-z]+s( .*|$)");
    assertThat(text).doesNotMatch("(^|.* )([02-9]|[0-9]{2,}) (second|minute|hour|day)( .*|$)");
  }

  @Test
  void goDuration_format_asGoPrintsDurations() {
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofNanos(750))).isEqualTo("750ns");
    assertThat(GoDuration.format(Duration.ofNanos(1_500))).isEqualTo("1.5µs");
    assertThat(GoDuration.format(Duration.ofMillis(2))).isEqualTo("2ms");
    assertThat(GoDuration.format(Duration.ofNanos(2_345_678))).isEqualTo("2.345678ms");
    assertThat(GoDuration.format(Duration.ofSeconds(15))).isEqualTo("15s");
    assertThat(GoDuration.format(Duration.ofMillis(1_500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofMinutes(1))).isEqualTo("1m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(GoDuration.format(Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(Duration.ofSeconds(3723).plusMillis(500))).isEqualTo("1h2m3.5s");
    assertThat(GoDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
  }

  @Property
  void goDuration_formatThenParse_roundTrips(
      @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long n) {
    Duration d = Duration.ofNanos(n);
    String text = GoDuration.format(d);
    Duration back = text.startsWith("-") ? GoDuration.parse(text.substring(1)).negated()
        : GoDuration.parse(text);
    assertThat(back).isEqualTo(d);
  }

  @Test
  void latency_isRoundedToMilliseconds() {
    assertThat(GoDuration.format(StatusCommand.roundToMillis(Duration.ofNanos(1_499_999))))
        .isEqualTo("1ms");
    assertThat(GoDuration.format(StatusCommand.roundToMillis(Duration.ofNanos(1_500_000))))
        .isEqualTo("2ms");
    assertThat(GoDuration.format(StatusCommand.roundToMillis(Duration.ofNanos(400_000))))
        .isEqualTo("0s");
  }

  @Test
  void count_isSingularForExactlyOne() {
    assertThat(Output.count(0, "key")).isEqualTo("0 keys");
    assertThat(Output.count(1, "key")).isEqualTo("1 key");
    assertThat(Output.count(2, "CPU")).isEqualTo("2 CPUs");
  }
}

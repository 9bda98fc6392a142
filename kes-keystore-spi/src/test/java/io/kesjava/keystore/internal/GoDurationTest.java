package io.kesjava.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "0, 0",
    "-0, 0",
    "+0, 0",
    "0s, 0",
    "5m0s, 300000000000",
    "30s, 30000000000",
    "1h30m, 5400000000000",
    "1.5h, 5400000000000",
    "-1s, -1000000000",
    "+5m, 300000000000",
    "500ms, 500000000",
    ".5s, 500000000",
    "1.s, 1000000000",
    "1us, 1000",
    "1\u00b5s, 1000",
    "1\u03bcs, 1000",
    "7ns, 7",
    "1h2m3.5s, 3723500000000",
    "1.000000001s, 1000000001",
    "0.0000000001s, 0",
    "2h1h, 10800000000000",
    "9223372036854775807ns, 9223372036854775807",
    "-9223372036854775808ns, -9223372036854775808",
    "-2562047h47m16.854775808s, -9223372036854775808",
    "2562047h47m16.854775807s, 9223372036854775807",
  })
  void parse_acceptsGoSyntax(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "\"{0}\" is invalid")
  @ValueSource(
      strings = {
        "", "-", "+", ".", ".s", "s", "1", "-1", "10", "1.5", "1h2", "1d", "1e3s", "1h 2m", " 1s",
        "1s ", "1S", "1H", "0x10s", "1..5s", "--1s", "9223372036854775808ns", "2562048h",
        "2562047h47m16.854775808s", "18446744073709551616ns", "99999999999999999999h"
      })
  void parse_rejectsInvalidText(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("time: ");
  }

  @Test
  void parse_namesTheUnknownUnit_asGoDoes() {
    assertThatThrownBy(() -> GoDuration.parse("3d"))
        .hasMessage("time: unknown unit \"d\" in duration \"3d\"");
  }

  @Test
  void parse_namesAMissingUnit_asGoDoes() {
    assertThatThrownBy(() -> GoDuration.parse("1h30"))
        .hasMessage("time: missing unit in duration \"1h30\"");
  }

  @Test
  void parse_ofEmptyText_isAnInvalidDuration_asGoSays() {
    assertThatThrownBy(() -> GoDuration.parse("")).hasMessage("time: invalid duration \"\"");
  }

  @ParameterizedTest(name = "{1} ns formats as {0}")
  @CsvSource({
    "0s, 0",
    "1ns, 1",
    "1.1\u00b5s, 1100",
    "2.2ms, 2200000",
    "3.3s, 3300000000",
    "1m0s, 60000000000",
    "1h0m0s, 3600000000000",
    "4m5s, 245000000000",
    "4m5.001s, 245001000000",
    "5h6m7.001s, 18367001000000",
    "8m0.000000001s, 480000000001",
    "-1.5s, -1500000000",
    "2562047h47m16.854775807s, 9223372036854775807",
    "-2562047h47m16.854775808s, -9223372036854775808",
  })
  void format_writesWhatGoWrites(String text, long nanos) {
    assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
  }

  @Test
  void format_ofADurationBeyondGosRange_fails() {
    assertThatThrownBy(() -> GoDuration.format(Duration.ofDays(300 * 365)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

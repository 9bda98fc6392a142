package io.kesjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {

  @Test
  void standsStill_untilTheTestMovesIt() {
    MutableClock clock = new MutableClock();
    assertThat(clock.instant()).isEqualTo(MutableClock.DEFAULT_START).isEqualTo(clock.instant());
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);

    assertThat(clock.advance(Duration.ofMinutes(90)))
        .isEqualTo(MutableClock.DEFAULT_START.plus(Duration.ofMinutes(90)));
    assertThat(clock.millis()).isEqualTo(clock.instant().toEpochMilli());

    Instant later = Instant.parse("2030-06-01T12:00:00Z");
    clock.set(later);
    assertThat(clock.instant()).isEqualTo(later);
  }

  @Test
  void aViewInAnotherZone_movesWithTheClock() {
    MutableClock clock = new MutableClock(Instant.parse("2024-01-12T10:00:00Z"));
    Clock paris = clock.withZone(ZoneId.of("Europe/Paris"));

    clock.advance(Duration.ofSeconds(30));

    assertThat(paris.getZone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(paris.instant()).isEqualTo(Instant.parse("2024-01-12T10:00:30Z"));
  }
}

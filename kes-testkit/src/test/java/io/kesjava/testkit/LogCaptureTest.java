package io.kesjava.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.System.Logger.Level;
import org.junit.jupiter.api.Test;

class LogCaptureTest {

  @Test
  void capturesTheLoggerAndItsChildren_atEveryLevel_untilClosed() {
    System.Logger child = System.getLogger("io.kesjava.testkit.capture.child");
    System.Logger other = System.getLogger("io.kesjava.testkit.other");
    java.util.logging.Logger parent = java.util.logging.Logger.getLogger("io.kesjava.testkit.capture");
    java.util.logging.Level before = parent.getLevel();

    LogCapture log = new LogCapture("io.kesjava.testkit.capture");
    child.log(Level.DEBUG, "renewed after {0}", "PT5M");
    child.log(Level.WARNING, "failed", new IllegalStateException("boom"));
    other.log(Level.WARNING, "elsewhere");
    log.close();
    child.log(Level.WARNING, "after close");

    assertThat(log.lines())
        .containsExactly(
            "FINE renewed after PT5M", "WARNING failed java.lang.IllegalStateException: boom");
    assertThat(parent.getLevel()).isEqualTo(before);
  }
}

package io.kesjava.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Silent, slow and half-open connections delay nobody: with 500 clients silent after their
 * handshake, 500 slowloris clients (one header byte a second) and 200 half handshakes held open
 * (each reconnecting when closed), an authenticated client's requests, each on a new connection,
 * keep completing within 2 seconds; every connection that never completes a request is closed
 * after the header timeout (5 s). A liveness bound, not a benchmark: kes-bench's
 * StarvationDriver measures latencies.
 *
 * <p>Runs on the server's supported runtime (Java 21 or newer); skipped if none is installed.
 */
class StarvationTest {

  @TempDir static Path dir;
  static HostileServer server;

  @BeforeAll
  static void start() throws Exception {
    server = HostileServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void silentSlowAndHalfOpenClients_delayNobody_andAreClosedAfterTheHeaderTimeout()
      throws Exception {
    assumeTrue(server.supportedRuntime(),
        "no JDK 21+ found for the server (set -Dkes.hostile.java)");
    RawClient admin = new RawClient(server.adminContext(), server.port());
    byte[] status = RawClient.head("GET /v1/status HTTP/1.1", "Host: x", "Connection: close");
    List<Long> latencies = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    try (Attackers attackers = new Attackers(server.appContext(), server.port())) {
      attackers.start(Attackers.Kind.HALF_HANDSHAKE, 200);
      attackers.start(Attackers.Kind.SILENT, 500);
      attackers.start(Attackers.Kind.SLOWLORIS, 500);
      long end = System.nanoTime() + 14_000_000_000L;
      int peak = 0;
      while (System.nanoTime() < end) {
        peak = Math.max(peak, attackers.open());
        long t0 = System.nanoTime();
        try {
          RawClient.Response r = admin.send(status);
          long ms = (System.nanoTime() - t0) / 1_000_000;
          latencies.add(ms);
          if (r.status() != 200) {
            failures.add("status " + r.status());
          }
        } catch (java.io.IOException e) {
          failures.add(e.toString());
        }
        Thread.sleep(100);
      }
      List<Long> lifetimes = attackers.lifetimes();
      Collections.sort(latencies);
      Collections.sort(lifetimes);
      System.out.printf("starvation: peak %d attacker connections open, %d probes, latency "
              + "median %d ms, max %d ms; %d attacker connections closed by the server after "
              + "%d-%d ms; %d failed to open%n", peak, latencies.size(),
          latencies.get(latencies.size() / 2), latencies.get(latencies.size() - 1),
          lifetimes.size(), lifetimes.isEmpty() ? 0 : lifetimes.get(0),
          lifetimes.isEmpty() ? 0 : lifetimes.get(lifetimes.size() - 1),
          attackers.failedToOpen());
      assertThat(peak).as("attacker connections open at once").isGreaterThan(900);
      assertThat(failures).as("probes that failed").isEmpty();
      assertThat(latencies).as("probe latencies (ms)").allMatch(ms -> ms < 2000);
      // Each attacker connection opened in the first 7 s has been closed by now.
      assertThat(lifetimes).as("closed attacker connections").hasSizeGreaterThan(1000);
      assertThat(lifetimes.get(lifetimes.size() - 1)).as("longest-held attacker connection (ms)")
          .isLessThan(7_000);
    }
  }
}

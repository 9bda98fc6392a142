package io.kesjava.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.KesEngine;
import io.kesjava.keystore.MemoryKeyStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example of {@code docs/metrics.md}, run as it is written there. */
class MetricsDocsExampleTest {

  @Test
  void theExampleOfTheDocsRuns() throws Exception {
    byte[] plaintext = "order 4711".getBytes(UTF_8);
    byte[] context = "orders".getBytes(UTF_8);
    long count;
    double hits;
    // docs:begin
    MeterRegistry registry = new SimpleMeterRegistry();   // your application's registry
    KesEngineMetrics metrics = new KesEngineMetrics();
    try (KesEngine kes = KesEngine.builder()
        .keyStore(new MemoryKeyStore())
        .listener(metrics)                                // the engine tells it everything
        .build()) {
      metrics.bindTo(registry);
      kes.createKey("orders");
      kes.encrypt("orders", plaintext, context);

      Timer encrypt = registry.get("kes.engine.operations")
          .tags("operation", "key.encrypt", "outcome", "success")
          .timer();
      System.out.printf("%d encryption(s), %.3f ms%n",
          encrypt.count(), encrypt.totalTime(TimeUnit.MILLISECONDS));
      count = encrypt.count(); // (test only)
      hits = registry.get("kes.engine.cache.requests").tag("result", "hit").counter().count(); // (test only)
    }
    // docs:end
    assertThat(count).isEqualTo(1);
    assertThat(hits).isEqualTo(1);
    String example = DocsText.between(
        Path.of("src/test/java/io/kesjava/micrometer/MetricsDocsExampleTest.java"));
    String withoutTestLines = String.join("\n",
        example.lines().filter(l -> !l.contains("(test only)")).toList());
    assertThat(Files.readString(Path.of("../docs/metrics.md"))).contains(withoutTestLines);
  }
}

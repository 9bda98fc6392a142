package io.kesjava.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.Kes;
import io.kesjava.micrometer.KesEngineMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code kes} health indicator, and the embedded engine's meters in Spring Boot's registry. */
class KesHealthAndMetricsTest {

  @TempDir static Path dir;
  private static TestKesServer server;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  MetricsAutoConfiguration.class,
                  SimpleMetricsExportAutoConfiguration.class,
                  CompositeMeterRegistryAutoConfiguration.class,
                  KesMetricsAutoConfiguration.class,
                  KesAutoConfiguration.class,
                  KesHealthAutoConfiguration.class));

  @BeforeAll
  static void start() {
    server = new TestKesServer(dir);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Health health(org.springframework.context.ApplicationContext context) {
    return context.getBean("kesHealthIndicator", HealthIndicator.class).health();
  }

  @Test
  void anEmbeddedEngine_isUp_whenItsKeyStoreAnswers() {
    runner.withPropertyValues("kes.embedded.key-store.provider=mem").run(context -> {
      Health health = health(context);
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails())
          .containsEntry("mode", "embedded")
          .containsEntry("keyStore", "reachable")
          .containsKeys("version", "keyStoreLatency");
    });
  }

  @Test
  void anEmbeddedEngine_isDown_whenItsKeyStoreCannotBeReached() {
    runner
        .withPropertyValues(
            "kes.embedded.key-store.provider=recording",
            "kes.embedded.key-store.settings.offline=true")
        .run(context -> {
          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsEntry("keyStore", "unreachable");
        });
  }

  @Test
  void aClient_isUp_whenTheServerAnswers_andDown_withTheReason_whenItDoesNot() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.cert-file=" + server.certFile,
            "kes.client.key-file=" + server.keyFile,
            "kes.client.ca-file=" + server.caFile)
        .run(context -> {
          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.UP);
          assertThat(health.getDetails()).containsEntry("mode", "client")
              .containsEntry("keyStore", "reachable");
        });
    runner
        .withPropertyValues(
            "kes.client.endpoints=https://127.0.0.1:1",
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.ca-file=" + server.caFile,
            "kes.client.timeout=2s")
        .run(context -> {
          Health health = health(context);
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat((String) health.getDetails().get("error")).contains("127.0.0.1:1");
          assertThat(health.getDetails().toString()).doesNotContain("kes:v1:");
        });
  }

  @Test
  void theHealthIndicator_canBeTurnedOff() {
    runner
        .withPropertyValues(
            "kes.embedded.key-store.provider=mem", "management.health.kes.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("kesHealthIndicator"));
  }

  @Test
  void theEmbeddedEnginesOperations_showUpAsMeters() {
    runner
        .withPropertyValues("kes.embedded.key-store.provider=mem", "kes.embedded.keys=orders")
        .run(context -> {
          Kes kes = context.getBean(Kes.class);
          // The keys of kes.embedded.keys are created before Boot binds the meters: not counted.
          kes.createKey("invoices");
          kes.encrypt("orders", new byte[] {1}, new byte[0]);
          kes.encrypt("orders", new byte[] {2}, new byte[0]);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertThat(registry.get(KesEngineMetrics.OPERATIONS)
              .tags("operation", "key.encrypt", "outcome", "success").timer().count())
              .isEqualTo(2);
          assertThat(registry.get(KesEngineMetrics.OPERATIONS)
              .tags("operation", "key.create").timer().count()).isEqualTo(1);
          assertThat(registry.get(KesEngineMetrics.CACHE_REQUESTS).tag("result", "hit")
              .counter().count()).isEqualTo(2);
          assertThat(registry.get(KesEngineMetrics.KEYSTORE_CALLS)
              .tags("call", "create", "outcome", "success").timer().count()).isEqualTo(1);
        });
  }

  @Test
  void metrics_areOnlyForAnEmbeddedEngine_andCanBeTurnedOff() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.ca-file=" + server.caFile)
        .run(context -> {
          assertThat(context).doesNotHaveBean(KesEngineMetrics.class);
          assertThat(context.getBean(MeterRegistry.class).find(KesEngineMetrics.OPERATIONS)
              .meters()).isEmpty();
        });
    runner
        .withPropertyValues("kes.embedded.key-store.provider=mem", "kes.metrics.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(KesEngineMetrics.class));
  }

  @Test
  void theConfigurationMetadata_describesEveryProperty() throws Exception {
    String json;
    try (var in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String property : new String[] {
        "kes.mode", "kes.enabled", "kes.client.endpoints", "kes.client.api-key",
        "kes.client.api-key-file", "kes.client.cert-file", "kes.client.key-file",
        "kes.client.key-password", "kes.client.ca-file", "kes.client.system-trust-store",
        "kes.client.insecure-skip-verify", "kes.client.timeout", "kes.client.connect-timeout",
        "kes.embedded.key-store.provider", "kes.embedded.key-store.settings",
        "kes.embedded.cache.any", "kes.embedded.cache.unused", "kes.embedded.cache.offline",
        "kes.embedded.keys", "kes.metrics.enabled"}) {
      assertThat(json).contains("\"name\": \"" + property + "\"");
    }
    // The hints of the provider names come from additional-spring-configuration-metadata.json.
    assertThat(json).contains("\"value\": \"vault\"");
  }
}

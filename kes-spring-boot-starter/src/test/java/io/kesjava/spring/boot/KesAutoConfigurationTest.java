package io.kesjava.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.client.KesClient;
import io.kesjava.core.Kes;
import io.kesjava.core.KesEngine;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.testkit.LogCapture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Kes bean from properties alone, in both modes, and the start failures of bad properties. */
class KesAutoConfigurationTest {

  private static final byte[] DATA = {1, 2, 3};
  private static final byte[] CONTEXT = {9};

  @TempDir static Path dir;
  private static TestKesServer server;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
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

  private static void roundTrips(Kes kes, String key) {
    byte[] ciphertext = kes.encrypt(key, DATA, CONTEXT);
    assertThat(kes.decrypt(key, ciphertext, CONTEXT).bytes()).isEqualTo(DATA);
  }

  // ---- embedded ----

  @Test
  void embedded_theKeyStoreProviderAndItsKeys_makeAnEngine() {
    runner
        .withPropertyValues("kes.embedded.key-store.provider=mem", "kes.embedded.keys=app-key")
        .run(context -> {
          assertThat(context).hasSingleBean(KesEngine.class).doesNotHaveBean(KesClient.class);
          roundTrips(context.getBean(Kes.class), "app-key");
        });
  }

  @Test
  void embedded_theFsStoreKeepsKeysAcrossRestarts() {
    Path keys = dir.resolve("fs-keys");
    ApplicationContextRunner fs =
        runner.withPropertyValues(
            "kes.embedded.key-store.provider=fs",
            "kes.embedded.key-store.settings.path=" + keys,
            "kes.embedded.keys=app-key");
    byte[][] ciphertext = new byte[1][];
    fs.run(context -> ciphertext[0] = context.getBean(Kes.class).encrypt("app-key", DATA, CONTEXT));
    fs.run(context ->
        assertThat(context.getBean(Kes.class).decrypt("app-key", ciphertext[0], CONTEXT).bytes())
            .isEqualTo(DATA));
    assertThat(keys.resolve("app-key")).exists();
  }

  @Test
  void embedded_settingsReachTheProviderAsAKesConfigSection_andTheStoreIsClosedWithTheContext() {
    runner
        .withPropertyValues(
            "kes.embedded.key-store.provider=recording",
            "kes.embedded.key-store.settings.project-id=my-project",
            "kes.embedded.key-store.settings.credentials.client-email=kes@example.net",
            "kes.embedded.key-store.settings.scopes[0]=read",
            "kes.embedded.key-store.settings.scopes[1]=write",
            "kes.embedded.cache.any=1m",
            "kes.embedded.cache.offline=10m")
        .run(context -> {
          assertThat(context).hasSingleBean(KesEngine.class);
          KeyStoreConfig config = RecordingKeyStoreProvider.LAST_CONFIG.get();
          assertThat(config.path()).isEqualTo("kes.embedded.key-store.settings");
          assertThat(config.requireString("project_id")).isEqualTo("my-project");
          assertThat(config.child("credentials").orElseThrow().requireString("client_email"))
              .isEqualTo("kes@example.net");
          assertThat(config.strings("scopes")).containsExactly("read", "write");
          assertThat(RecordingKeyStoreProvider.LAST_STORE.get().closed).isFalse();
        });
    assertThat(RecordingKeyStoreProvider.LAST_STORE.get().closed).isTrue();
  }

  // ---- client ----

  @Test
  void client_anApiKeyFile_makesAClientOfTheServer() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.ca-file=" + server.caFile,
            "kes.client.timeout=5s")
        .run(context -> {
          assertThat(context).hasSingleBean(KesClient.class).doesNotHaveBean(KesEngine.class);
          KesClient kes = context.getBean(KesClient.class);
          kes.createKey("api-key-client");
          roundTrips(kes, "api-key-client");
          assertThat(server.engine.describeKey("api-key-client").createdBy())
              .isEqualTo(kes.identity().value());
        });
  }

  @Test
  void client_certificateFiles_makeAClientOfTheServer() {
    runner
        .withPropertyValues(
            "kes.mode=client",
            "kes.client.endpoints[0]=" + server.endpoint(),
            "kes.client.cert-file=" + server.certFile,
            "kes.client.key-file=" + server.keyFile,
            "kes.client.ca-file=" + server.caFile,
            "kes.client.system-trust-store=false")
        .run(context -> {
          Kes kes = context.getBean(Kes.class);
          kes.createKey("cert-client");
          roundTrips(kes, "cert-client");
        });
  }

  // ---- backing off ----

  @Test
  void anApplicationsOwnKesBean_wins() {
    runner
        .withUserConfiguration(OwnKes.class)
        .withPropertyValues("kes.embedded.key-store.provider=mem")
        .run(context -> {
          assertThat(context).hasSingleBean(Kes.class);
          assertThat(context.getBean(Kes.class)).isSameAs(context.getBean("ownKes"));
          assertThat(context).hasBean("kesHealthIndicator");
        });
  }

  @Test
  void kesEnabledFalse_meansNoBeanAndNoChecks() {
    runner.withPropertyValues("kes.enabled=false").run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(Kes.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnKes {
    @Bean
    KesEngine ownKes() {
      return KesEngine.builder().keyStore(new MemoryKeyStore()).build();
    }
  }

  // ---- start failures ----

  @Test
  void noProperties_failTheStart_sayingWhatToSet() {
    runner.run(context -> assertFailure(context, "no KES is configured",
        "kes.client.endpoints"));
  }

  @Test
  void bothModes_failTheStart() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=https://kes.example.net:7373",
            "kes.embedded.key-store.provider=mem")
        .run(context -> assertFailure(context, "both kes.client.* and kes.embedded.* are set",
            "Keep one of them"));
  }

  @Test
  void aModeThatContradictsTheOtherSection_failsTheStart() {
    runner
        .withPropertyValues("kes.mode=client", "kes.embedded.key-store.provider=mem")
        .run(context -> assertFailure(context, "kes.mode is client, but kes.embedded.* is set",
            "kes.mode=embedded"));
  }

  @Test
  void aClientWithoutCredential_failsTheStart() {
    runner
        .withPropertyValues("kes.client.endpoints=" + server.endpoint())
        .run(context -> assertFailure(context, "kes.client has no credential",
            "kes.client.api-key-file"));
  }

  @Test
  void aClientWithTwoCredentials_failsTheStart() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.cert-file=" + server.certFile,
            "kes.client.key-file=" + server.keyFile)
        .run(context -> assertFailure(context, "more than one credential", "exactly one"));
  }

  @Test
  void aCertificateWithoutItsKey_failsTheStart() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(), "kes.client.cert-file=" + server.certFile)
        .run(context -> assertFailure(context, "must be set together", "Set both"));
  }

  @Test
  void aClientWithoutEndpoints_failsTheStart() {
    runner
        .withPropertyValues("kes.client.api-key-file=" + server.apiKeyFile)
        .run(context -> assertFailure(context, "kes.client.endpoints is not set",
            "https://kes.example.net:7373"));
  }

  @Test
  void anApiKeyThatIsNotOne_failsTheStart_withoutRepeatingIt() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(), "kes.client.api-key=hunter2-not-a-key")
        .run(context -> {
          assertFailure(context, "kes.client: ", "kes.client.*");
          assertThat(messages(context.getStartupFailure())).doesNotContain("hunter2");
        });
  }

  @Test
  void insecureSkipVerifyWithACa_failsTheStart() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.ca-file=" + server.caFile,
            "kes.client.insecure-skip-verify=true")
        .run(context -> assertFailure(context, "insecure-skip-verify is set together",
            "Remove kes.client.insecure-skip-verify"));
  }

  @Test
  void aMissingCaFile_failsTheStart_namingIt() {
    runner
        .withPropertyValues(
            "kes.client.endpoints=" + server.endpoint(),
            "kes.client.api-key-file=" + server.apiKeyFile,
            "kes.client.ca-file=" + dir.resolve("no-such-ca.crt"))
        .run(context -> assertFailure(context, "no-such-ca.crt", "kes.client.*"));
  }

  @Test
  void aKeyStoreWhoseArtifactIsMissing_failsTheStart_namingTheArtifact() {
    runner
        .withPropertyValues("kes.embedded.key-store.provider=vault")
        .run(context -> assertFailure(context, "add the artifact io.kesjava:kes-keystore-vault",
            "kes.embedded.key-store.provider"));
  }

  @Test
  void aKeyStoreSettingThatIsMissing_failsTheStart_namingTheProperty() {
    runner
        .withPropertyValues("kes.embedded.key-store.provider=fs")
        .run(context -> assertFailure(context, "kes.embedded.key-store.settings.path",
            "kes.embedded.key-store.settings"));
  }

  @Test
  void embeddedSettingsWithoutProvider_failTheStart() {
    runner
        .withPropertyValues("kes.embedded.keys=app-key")
        .run(context -> assertFailure(context, "kes.embedded.key-store.provider is not set",
            "fs"));
  }

  @Test
  void anInvalidKeyName_failsTheStart() {
    runner
        .withPropertyValues(
            "kes.embedded.key-store.provider=mem", "kes.embedded.keys=not/a/name")
        .run(context -> assertFailure(context, "key name 'not/a/name'", "kes.embedded.keys"));
  }

  /** The start failed with a KesConfigurationException, and Boot's report says what and what to do. */
  private static void assertFailure(
      AssertableApplicationContext context, String problem, String action) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    FailureAnalysis analysis = new KesConfigurationFailureAnalyzer().analyze(failure);
    assertThat(analysis).as("a KesConfigurationException in %s", failure).isNotNull();
    assertThat(analysis.getDescription()).startsWith("Invalid KES configuration: ")
        .contains(problem);
    assertThat(analysis.getAction()).contains(action);
  }

  @org.springframework.boot.SpringBootConfiguration
  @org.springframework.boot.autoconfigure.ImportAutoConfiguration(KesAutoConfiguration.class)
  static class BadApplication {}

  @Test
  void aBadStart_isReportedBySpringBootsFailureAnalysis() {
    LogCapture reporter =
        new LogCapture("org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter");
    // Boot's own logging setup would reset java.util.logging, and the handler with it.
    String property = org.springframework.boot.logging.LoggingSystem.SYSTEM_PROPERTY;
    String before = System.setProperty(property, org.springframework.boot.logging.LoggingSystem.NONE);
    try {
      var app = new org.springframework.boot.SpringApplication(BadApplication.class);
      app.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
      app.setDefaultProperties(java.util.Map.of(
          "kes.client.endpoints", "https://kes.example.net:7373",
          "kes.embedded.key-store.provider", "mem"));
      org.assertj.core.api.Assertions.assertThatThrownBy(app::run)
          .hasRootCauseInstanceOf(KesConfigurationException.class);
    } finally {
      reporter.close();
      if (before == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, before);
      }
    }
    assertThat(String.join("\n", reporter.lines()))
        .contains("Invalid KES configuration: both kes.client.* and kes.embedded.* are set")
        .contains("Action:")
        .contains("Keep one of them");
  }

  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c).append('\n');
    }
    return all.toString();
  }

  @Test
  void listeners_ofTheApplication_areToldToo() {
    List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    runner
        .withBean("myListener", io.kesjava.core.KesEngineListener.class,
            () -> new io.kesjava.core.KesEngineListener() {
              @Override
              public void onOperation(Operation operation, long nanos, RuntimeException error) {
                seen.add(operation.tag());
              }
            })
        .withPropertyValues("kes.embedded.key-store.provider=mem", "kes.embedded.keys=k")
        .run(context -> {
          context.getBean(Kes.class).encrypt("k", DATA, CONTEXT);
          assertThat(seen).containsExactly("key.create", "key.encrypt");
        });
  }
}

package io.kesjava.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.client.KesClient;
import io.kesjava.core.Kes;
import io.kesjava.core.NotAuthenticException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A whole Spring Boot application, with every auto-configuration on the class path (Actuator's
 * too), configured by the YAML of {@code docs/spring-boot.md} against a real KES server over mutual
 * TLS; its service is the one of that page.
 */
@SpringBootTest(classes = KesSpringBootTest.Application.class)
@ActiveProfiles("kes-docs")
class KesSpringBootTest {

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(DocumentSealer.class)
  static class Application {}

  @TempDir static Path dir;
  private static TestKesServer server;

  @Autowired Kes kes;
  @Autowired DocumentSealer sealer;
  @Autowired HealthEndpoint health;

  @BeforeAll
  static void start() {
    server = new TestKesServer(dir);
    server.engine.createKey("documents");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** What the environment of the application would hold; the YAML refers to it. */
  @DynamicPropertySource
  static void environment(DynamicPropertyRegistry registry) {
    registry.add("KES_ENDPOINT", () -> server.endpoint());
    registry.add("KES_CLIENT_CERT", () -> server.certFile.toString());
    registry.add("KES_CLIENT_KEY", () -> server.keyFile.toString());
    registry.add("KES_CA", () -> server.caFile.toString());
  }

  @Test
  void theApplication_getsAClientOfTheServer_fromPropertiesAlone() {
    assertThat(kes).isInstanceOf(KesClient.class);
    assertThat(((KesClient) kes).endpoints()).containsExactly(server.endpoint());
  }

  @Test
  void theServiceOfTheDocs_sealsAndOpensThroughTheServer() {
    byte[] sealed = sealer.seal("tenant-a", "invoice 2026-001".getBytes(UTF_8));
    assertThat(sealer.open("tenant-a", sealed)).isEqualTo("invoice 2026-001".getBytes(UTF_8));
    assertThatThrownBy(() -> sealer.open("tenant-b", sealed))
        .isInstanceOf(NotAuthenticException.class);
    // The server's key sealed it.
    assertThat(server.engine.decrypt("documents", sealed, "tenant-a".getBytes(UTF_8)).bytes())
        .isEqualTo("invoice 2026-001".getBytes(UTF_8));
  }

  @Test
  void actuatorsHealth_hasTheKesComponent_up() {
    assertThat(health.healthForPath("kes").getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void theDocsPage_holdsThisYamlAndThisService() throws Exception {
    String page = Files.readString(Path.of("../docs/spring-boot.md"));
    assertThat(page).contains(Files.readString(Path.of(
        "src/test/resources/application-kes-docs.yaml")).strip());
    assertThat(page).contains(DocsText.between(
        Path.of("src/test/java/io/kesjava/spring/boot/DocumentSealer.java")));
  }
}

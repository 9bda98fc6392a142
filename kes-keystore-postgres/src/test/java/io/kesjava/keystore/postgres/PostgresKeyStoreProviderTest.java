package io.kesjava.keystore.postgres;

import static io.kesjava.keystore.postgres.PostgresFixture.APP_DATABASE;
import static io.kesjava.keystore.postgres.PostgresFixture.APP_PASSWORD;
import static io.kesjava.keystore.postgres.PostgresFixture.APP_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.keystore.tck.KesYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code keystore.postgres}, read by {@link PostgresKeyStoreProvider}. */
class PostgresKeyStoreProviderTest {

  private static final PostgresKeyStoreProvider PROVIDER = new PostgresKeyStoreProvider();

  @TempDir Path dir;

  private static KeyStoreConfig section(String yaml) {
    return KesYaml.keystoreSection(yaml, "postgres");
  }

  @Test
  void theProvider_isFoundByItsName() {
    assertThat(KeyStoreRegistry.load().provider("postgres"))
        .isInstanceOf(PostgresKeyStoreProvider.class);
  }

  @Test
  void aConfigFile_withEverySetting_buildsAStoreThatServesKeys() {
    PostgresCluster pg = PostgresFixture.cluster();
    String table = PostgresFixture.newTable();
    String yaml =
        String.join(
            "\n",
            "keystore:",
            "  postgres:",
            "    url: postgresql://localhost:" + pg.port() + "/" + APP_DATABASE,
            "    table: " + table,
            "    credentials:",
            "      user: " + APP_USER,
            "      password: " + APP_PASSWORD,
            "    tls:",
            "      ca: " + pg.caFile(),
            "      mode: verify-full",
            "    pool_size: 3",
            "    connect_timeout: 1500ms",
            "    query_timeout: 4s");

    try (KeyStore store = new PostgresKeyStoreProvider().create(section(yaml))) {
      store.create("k", new byte[] {1});
      assertThat(store.get("k")).containsExactly(1);
      assertThat(store.description())
          .isEqualTo(
              "PostgreSQL: localhost:" + pg.port() + "/" + APP_DATABASE + " (table " + table + ")");
    }
    PostgresKeyStore.Builder builder = PROVIDER.configure(section(yaml));
    assertThat(builder.poolSize()).isEqualTo(3);
    assertThat(builder.connectTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(builder.queryTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(builder.tlsCa()).contains(pg.caFile());
  }

  @Test
  void aPasswordFile_isRead_withoutItsLineBreak() throws Exception {
    PostgresCluster pg = PostgresFixture.cluster();
    Path file = Files.writeString(dir.resolve("password"), APP_PASSWORD + "\r\n");
    String yaml =
        String.join(
            "\n",
            "keystore:",
            "  postgres:",
            "    url: jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + APP_DATABASE,
            "    table: " + PostgresFixture.newTable(),
            "    credentials: {user: " + APP_USER + ", password_file: " + file + "}",
            "    tls: {ca: " + pg.caFile() + "}");

    try (KeyStore store = new PostgresKeyStoreProvider().create(section(yaml))) {
      assertThat(store.status()).isPositive();
    }
  }

  @Test
  void theDefaults_areDocumented() {
    PostgresKeyStore.Builder builder =
        PROVIDER.configure(
            section("keystore: {postgres: {url: 'postgres://db/kes', credentials: {user: kes}}}"));

    assertThat(builder.table()).isEqualTo("kes_keys");
    assertThat(builder.poolSize()).isEqualTo(10);
    assertThat(builder.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(builder.queryTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(builder.tls()).isTrue();
    assertThat(builder.tlsCa()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "keystore.postgres.url | {credentials: {user: kes}} | no url specified",
        "keystore.postgres.url | {url: 'mysql://db/kes', credentials: {user: kes}} | not a"
            + " PostgreSQL URL",
        "keystore.postgres.credentials.user | {url: 'postgres://db/kes'} | no user specified",
        "keystore.postgres.credentials.user | {url: 'postgres://db/kes', credentials: {password:"
            + " x}} | no user specified",
        "keystore.postgres.table | {url: 'postgres://db/kes', credentials: {user: kes}, table:"
            + " Keys} | is not a table name",
        "keystore.postgres.table | {url: 'postgres://db/kes', credentials: {user: kes}, table:"
            + " 'k;drop'} | is not a table name",
        "keystore.postgres.table | {url: 'postgres://db/kes', credentials: {user: kes}, table:"
            + " 'a.b.c'} | is not a table name",
        "keystore.postgres.table | {url: 'postgres://db/kes', credentials: {user: kes}, table:"
            + " 'k\"x'} | is not a table name",
        "keystore.postgres.credentials.password_file | {url: 'postgres://db/kes', credentials:"
            + " {user: kes, password: x, password_file: /f}} | not both",
        "keystore.postgres.credentials.password_file | {url: 'postgres://db/kes', credentials:"
            + " {user: kes, password_file: /no/such/file}} | cannot read the file",
        "keystore.postgres.tls.mode | {url: 'postgres://db/kes', credentials: {user: kes}, tls:"
            + " {mode: require}} | verify-full (the default) or disable",
        "keystore.postgres.tls.ca | {url: 'postgres://db/kes', credentials: {user: kes}, tls:"
            + " {mode: disable, ca: /ca.pem}} | remove one of them",
        "keystore.postgres.tls.ca | {url: 'postgres://db/kes', credentials: {user: kes}, tls: {ca:"
            + " /no/such/ca.pem}} | cannot read the file",
        "keystore.postgres.pool_size | {url: 'postgres://db/kes', credentials: {user: kes},"
            + " pool_size: 0} | between 1 and 1000",
        "keystore.postgres.pool_size | {url: 'postgres://db/kes', credentials: {user: kes},"
            + " pool_size: ten} | not a decimal integer",
        "keystore.postgres.connect_timeout | {url: 'postgres://db/kes', credentials: {user: kes},"
            + " connect_timeout: 100ms} | at least 250ms",
        "keystore.postgres.query_timeout | {url: 'postgres://db/kes', credentials: {user: kes},"
            + " query_timeout: 500ms} | at least 1s",
        "keystore.postgres.query_timeout | {url: 'postgres://db/kes', credentials: {user: kes},"
            + " query_timeout: soon} | not a valid duration",
      })
  void aMissingOrInvalidSetting_namesItsKey(String key, String section, String problem) {
    InvalidConfigException e =
        catchThrowableOfType(
            InvalidConfigException.class,
            () ->
                PROVIDER.configure(
                    section("keystore: {postgres: " + section + "}")));

    assertThat(e).isNotNull();
    assertThat(e.key()).isEqualTo(key);
    assertThat(e).hasMessageContaining(problem);
  }

  @Test
  void aUrlWithAUserOrPasswordOrTlsParameters_isRefused_withoutEchoingIt() {
    for (String url :
        List.of(
            "jdbc:postgresql://kes:S3cret-in-url@db/kes",
            "postgresql://kes:S3cret-in-url@db:5432/kes?x=1",
            "jdbc:postgresql://db/kes?password=S3cret-in-url",
            "jdbc:postgresql://db/kes?user=kes&password=S3cret-in-url",
            "jdbc:postgresql://db/kes?sslmode=disable&S3cret-in-url=1",
            "jdbc:postgresql://db/kes?sslrootcert=/S3cret-in-url",
            "jdbc:postgresql://db/?S3cret-in-url=1")) {
      Map<String, Object> values =
          Map.of(
              "url", url, "credentials", Map.of("user", "kes"), "tls", Map.of("mode", "disable"));
      Throwable thrown =
          catchThrowableOfType(
              RuntimeException.class,
              () ->
                  PROVIDER.configure(KeyStoreConfig.of("keystore.postgres", values))
                      .build());

      assertThat(thrown).as(url).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(url).doesNotContain("S3cret-in-url");
    }
  }

  @Test
  void theYamlOfTheDocs_isAValidSection() throws Exception {
    List<String> blocks = new ArrayList<>();
    for (Path doc : List.of(Path.of("README.md"), Path.of("../docs/keystores/postgres.md"))) {
      for (String block : KesYaml.yamlBlocks(Files.readString(doc))) {
        if (block.contains("postgres:") && block.contains("keystore:")) {
          blocks.add(block);
        }
      }
    }
    assertThat(blocks).isNotEmpty();
    for (String block : blocks) {
      try {
        PROVIDER.configure(section(block));
      } catch (InvalidConfigException e) {
        // The examples name files of the reader's machine.
        assertThat(e.key()).as(block).matches(".*(password_file|tls\\.ca)");
        assertThat(e).hasMessageContaining("cannot read the file");
      }
    }
  }
}

package io.kesjava.keystore.postgres;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.BuilderProvider;
import io.kesjava.keystore.common.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The provider named {@code postgres}: reads {@code keystore.postgres} (see
 * docs/keystores/postgres.md), builds a {@link PostgresKeyStore}, which connects and prepares its
 * table.
 *
 * <pre>
 * keystore:
 *   postgres:
 *     url: jdbc:postgresql://db.example.com:5432/kes   # required
 *     table: kes_keys                                  # the default
 *     credentials:
 *       user: kes                                      # required
 *       password: ${KES_DB_PASSWORD}                   # or password_file: FILE
 *     tls:
 *       ca: /etc/kes/db-ca.pem                         # else the JVM's trust store
 *       mode: verify-full                              # the default; or disable
 *     pool_size: 10
 *     connect_timeout: 2s
 *     query_timeout: 10s
 * </pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class PostgresKeyStoreProvider extends BuilderProvider<PostgresKeyStore.Builder> {

  /** For {@link java.util.ServiceLoader}. */
  public PostgresKeyStoreProvider() {
    super("postgres", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds the store from its section and connects.
   *
   * @param config the section {@code keystore.postgres}
   * @throws InvalidConfigException if a setting is missing or invalid
   * @throws KeyStoreException if the database cannot be reached, refuses the login, or its table
   *     cannot be created or used
   */
  @Override
  protected PostgresKeyStore.Builder configure(KeyStoreConfig config) {
    Settings settings = Settings.of(config);
    PostgresKeyStore.Builder builder = PostgresKeyStore.builder();

    String url = settings.required("url", "no url specified");
    settings.apply("url", "", () -> PostgresKeyStore.Builder.jdbcUrl(url));
    builder.url(url);

    String table = settings.string("table").orElse(PostgresKeyStore.Builder.DEFAULT_TABLE);
    settings.apply("table", "", () -> TableName.parse(table));
    builder.table(table);

    builder.user(settings.required("credentials.user", "no user specified"));
    String password = settings.secret("credentials.password").orElse("");
    String passwordFile = settings.string("credentials.password_file").orElse("");
    if (!password.isEmpty() && !passwordFile.isEmpty()) {
      throw settings.invalid(
          "credentials.password_file", "set either password or password_file, not both");
    }
    if (!passwordFile.isEmpty()) {
      password = readPasswordFile(settings.key("credentials.password_file"), passwordFile);
    }
    builder.password(password);

    String mode = settings.string("tls.mode").orElse("verify-full");
    String ca = settings.string("tls.ca").orElse("");
    switch (mode) {
      case "verify-full" -> {
        if (ca.isEmpty()) {
          builder.tlsWithJvmTrustStore();
        } else {
          Path caFile = Path.of(ca);
          if (!Files.isReadable(caFile)) {
            throw settings.invalid("tls.ca", "cannot read the file " + ca);
          }
          builder.tlsCa(caFile);
        }
      }
      case "disable" -> {
        if (!ca.isEmpty()) {
          throw settings.invalid(
              "tls.ca", "a CA is set but tls.mode is disable; remove one of them");
        }
        builder.plaintext();
      }
      default -> throw settings.invalid("tls.mode", "must be verify-full (the default) or disable");
    }

    int poolSize = config.integer("pool_size", 10);
    if (poolSize < 1 || poolSize > 1000) {
      throw settings.invalid("pool_size", "must be between 1 and 1000");
    }
    builder.poolSize(poolSize);
    Duration connect = config.duration("connect_timeout", Duration.ofSeconds(2));
    if (connect.compareTo(Duration.ofMillis(250)) < 0) {
      throw settings.invalid("connect_timeout", "must be at least 250ms");
    }
    builder.connectTimeout(connect);
    Duration query = config.duration("query_timeout", Duration.ofSeconds(10));
    if (query.compareTo(Duration.ofSeconds(1)) < 0) {
      throw settings.invalid("query_timeout", "must be at least 1s");
    }
    builder.queryTimeout(query);
    return builder;
  }

  /** The file's text without one trailing line break; never printed. */
  private static String readPasswordFile(String key, String file) {
    String text;
    try {
      text = Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigException(key, "cannot read the file " + file);
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
      if (text.endsWith("\r")) {
        text = text.substring(0, text.length() - 1);
      }
    }
    if (text.isEmpty()) {
      throw new InvalidConfigException(key, "the file " + file + " is empty");
    }
    return text;
  }
}

package io.kesjava.keystore.postgres;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The roles and database the tests of this module share on the {@link PostgresCluster}: the role
 * {@code kes_app} (password {@link #APP_PASSWORD}, a member of {@code tls_only}, so it must use
 * TLS) owns the database {@code kes_app}, where each test makes its own table.
 */
final class PostgresFixture {

  static final String APP_USER = "kes_app";
  static final String APP_PASSWORD = "app-Pa55word-never-printed";
  static final String APP_DATABASE = "kes_app";

  private static final AtomicInteger TABLES = new AtomicInteger();
  private static boolean ready;

  private PostgresFixture() {}

  /** The shared cluster, with the app role and database made. */
  static synchronized PostgresCluster cluster() {
    PostgresCluster pg = PostgresCluster.shared();
    if (!ready) {
      pg.execute(
          "postgres",
          "CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "' IN ROLE tls_only",
          "CREATE DATABASE " + APP_DATABASE + " OWNER " + APP_USER);
      ready = true;
    }
    return pg;
  }

  /** A table name no other test uses. */
  static String newTable() {
    return "keys_" + TABLES.incrementAndGet();
  }

  /**
   * A builder for the app role on a new table of the app database, over TLS verified against the
   * cluster's certificate, with short timeouts.
   */
  static PostgresKeyStore.Builder app() {
    PostgresCluster pg = cluster();
    return PostgresKeyStore.builder()
        .url(pg.url(APP_DATABASE))
        .user(APP_USER)
        .password(APP_PASSWORD)
        .tlsCa(pg.caFile())
        .table(newTable())
        .poolSize(4)
        .connectTimeout(Duration.ofSeconds(3))
        .queryTimeout(Duration.ofSeconds(5));
  }
}

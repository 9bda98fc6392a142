package io.kesjava.keystore.postgres;

import static io.kesjava.keystore.postgres.PostgresFixture.APP_DATABASE;
import static io.kesjava.keystore.postgres.PostgresFixture.APP_PASSWORD;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@link PostgresKeyStore} does in the database, beyond the contract. */
class PostgresKeyStoreTest {

  private final PostgresCluster pg = PostgresFixture.cluster();
  private String table;
  private PostgresKeyStore store;

  @BeforeEach
  void open() {
    table = PostgresFixture.newTable();
    store = PostgresFixture.app().table(table).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  private List<List<String>> query(String sql, String... args) throws SQLException {
    try (Connection c = pg.superuser(APP_DATABASE);
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setString(i + 1, args[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
            row.add(r.getString(i));
          }
          rows.add(row);
        }
      }
      return rows;
    }
  }

  @Test
  void theTable_hasTheDocumentedColumns_andTheNameIsItsPrimaryKey() throws Exception {
    assertThat(
            query(
                "SELECT column_name, data_type, coalesce(collation_name, '-'), is_nullable"
                    + " FROM information_schema.columns WHERE table_name = ?"
                    + " ORDER BY ordinal_position",
                table))
        .containsExactly(
            List.of("name", "text", "C", "NO"),
            List.of("value", "bytea", "-", "NO"),
            List.of("created", "timestamp with time zone", "-", "NO"));
    assertThat(
            query(
                "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
                    + " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
                    + " WHERE i.indrelid = ?::regclass AND i.indisprimary",
                table))
        .containsExactly(List.of("name"));
  }

  @Test
  void create_storesTheValueByteForByte_withTheTimeOfTheInsert() throws Exception {
    byte[] value = {0, (byte) 0xff, 'k', 'e', 's', 0};
    Instant before = Instant.now().minusSeconds(1);

    store.create("my-key", value);

    try (Connection c = pg.superuser(APP_DATABASE);
        PreparedStatement s =
            c.prepareStatement("SELECT value, created FROM " + table + " WHERE name = ?")) {
      s.setString(1, "my-key");
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        assertThat(r.getBytes(1)).isEqualTo(value);
        Timestamp created = r.getTimestamp(2);
        assertThat(created.toInstant()).isBetween(before, Instant.now().plusSeconds(1));
      }
    }
  }

  @Test
  void aRowAnotherServerInserted_isServed_andItsNameIsTaken() {
    pg.execute(
        APP_DATABASE,
        "INSERT INTO " + table + " (name, value) VALUES ('from-elsewhere', 'dmFsdWU=')");

    assertThat(store.get("from-elsewhere")).isEqualTo("dmFsdWU=".getBytes(UTF_8));
    assertThatThrownBy(() -> store.create("from-elsewhere", new byte[] {1}))
        .isInstanceOf(EntryExistsException.class)
        .hasMessage("postgres: key 'from-elsewhere' already exists");
  }

  @Test
  void list_readsLikeWildcardsAndTheEscapeInAPrefix_asPlainCharacters() {
    for (String name : List.of("a_1", "ab1", "a%1", "a\\1", "a1", "a\\\\1")) {
      store.create(name, name.getBytes(UTF_8));
    }

    assertThat(store.list("a_", "", 0).names()).containsExactly("a_1");
    assertThat(store.list("a%", "", 0).names()).containsExactly("a%1");
    assertThat(store.list("a\\", "", 0).names()).containsExactly("a\\1", "a\\\\1");
    assertThat(store.list("a", "", 0).names()).hasSize(6);
  }

  @Test
  void list_isInByteOrder_forNamesBeyondAscii() {
    for (String name : List.of("é-key", "z-key", "Z-key", "ä-key", "a-key")) {
      store.create(name, new byte[] {1});
    }

    assertThat(store.list("", "", 0).names())
        .containsExactly("Z-key", "a-key", "z-key", "ä-key", "é-key");
    assertThat(store.list("", "z", 2).names()).containsExactly("z-key", "ä-key");
    assertThat(store.list("", "z", 2).continueAt()).isEqualTo("é-key");
  }

  @Test
  void aTableAnAdministratorMade_isUsed_byARoleThatMayOnlySelectInsertAndDelete() {
    pg.execute(
        APP_DATABASE,
        "CREATE ROLE kes_limited LOGIN PASSWORD 'limited-pw'",
        "CREATE SCHEMA limited",
        "CREATE TABLE limited.keys (name text COLLATE \"C\" PRIMARY KEY, value bytea NOT NULL,"
            + " created timestamptz NOT NULL DEFAULT now())",
        "GRANT USAGE ON SCHEMA limited TO kes_limited",
        "GRANT SELECT, INSERT, DELETE ON limited.keys TO kes_limited");
    PostgresKeyStore.Builder limited =
        PostgresFixture.app().user("kes_limited").password("limited-pw");

    try (PostgresKeyStore s = limited.table("limited.keys").build()) {
      s.create("k", new byte[] {7});
      assertThat(s.get("k")).containsExactly(7);
      assertThat(s.list("", "", 0).names()).containsExactly("k");
      s.delete("k");
    }

    assertThatThrownBy(() -> limited.table("limited.missing").build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("postgres: cannot use the table 'limited.missing': permission denied")
        .hasMessageContaining("CREATE on its schema");

    pg.execute(APP_DATABASE, "REVOKE DELETE ON limited.keys FROM kes_limited");
    assertThatThrownBy(() -> limited.table("limited.keys").build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("permission denied")
        .hasMessageContaining("SELECT, INSERT and DELETE");
  }

  @Test
  void aTableWithoutAUniqueName_isRefusedAtBuild() {
    pg.execute(APP_DATABASE, "CREATE TABLE no_key (name text, value bytea, created timestamptz)");

    assertThatThrownBy(() -> PostgresFixture.app().table("no_key").build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("cannot use the table 'no_key'")
        .hasMessageContaining("ON CONFLICT");
  }

  @Test
  void severalServersStartingAtOnce_onAMissingTable_allStart_onOneTable() throws Exception {
    String shared = PostgresFixture.newTable();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PostgresKeyStore>> starts = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        starts.add(pool.submit(() -> PostgresFixture.app().table(shared).build()));
      }
      List<PostgresKeyStore> stores = new ArrayList<>();
      for (Future<PostgresKeyStore> start : starts) {
        stores.add(start.get());
      }
      stores.get(0).create("k", new byte[] {1});
      for (PostgresKeyStore s : stores) {
        assertThat(s.get("k")).containsExactly(1);
        s.close();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWrongPassword_isARefusedLogin_notUnreachable_andNoPasswordIsEverPrinted() {
    String wrong = "wrong-Pa55word-never-printed";
    PostgresKeyStore.Builder builder =
        PostgresFixture.app().password(wrong).connectTimeout(Duration.ofMillis(500));

    Throwable thrown = catchThrowable(builder::build);

    assertThat(thrown)
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("the database refused the login")
        .hasMessageContaining("SQLSTATE 28P01");
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    for (String text :
        List.of(trace.toString(), builder.toString(), store.toString(), store.description())) {
      assertThat(text).doesNotContain(wrong).doesNotContain(APP_PASSWORD);
    }
  }

  @Test
  void aPortWithoutAServer_isUnreachable_atBuild_withinTheConnectTimeout() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = socket.getLocalPort();
    }
    long start = System.nanoTime();

    assertThatThrownBy(
            () ->
                PostgresFixture.app()
                    .url("jdbc:postgresql://127.0.0.1:" + port + "/" + APP_DATABASE)
                    .connectTimeout(Duration.ofMillis(500))
                    .build())
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("the database is not reachable");
    // The pool waits for the connect timeout, then fails; never the pool's 30 s default.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void description_namesHostPortDatabaseAndTable() {
    assertThat(store.description())
        .isEqualTo(
            "PostgreSQL: 127.0.0.1:" + pg.port() + "/" + APP_DATABASE + " (table " + table + ")");
    assertThat(store.toString()).isEqualTo("PostgresKeyStore[" + store.description() + "]");
  }

  @Test
  void status_isAQueryThatSucceeds() {
    assertThat(store.status()).isPositive();
  }
}

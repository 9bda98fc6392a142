package io.kesjava.keystore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.ssl.DefaultJavaSSLFactory;

/**
 * A key store in one table of a PostgreSQL database (see docs/keystores/postgres.md): one row per
 * key, {@code (name text COLLATE "C" PRIMARY KEY, value bytea, created timestamptz)}. Several KES
 * servers on one database share their keys.
 *
 * <p>A create is a single {@code INSERT ... ON CONFLICT (name) DO NOTHING}: the primary key decides
 * between racing creates, across any number of servers, and exactly one wins. The value is stored
 * as {@code bytea}, byte for byte (KES's text encoding of a key version, which the store does not
 * interpret). Listing is by the {@code "C"} collation, which is byte order for UTF-8 names.
 *
 * <p>Connections come from a HikariCP pool. While the database cannot be reached, is shutting down,
 * or is read-only (a hot standby), operations fail with {@link KeyStoreUnreachableException} within
 * the connect timeout (the engine's offline cache, if on, then serves the keys it has); see {@code
 * PostgresErrors} for the whole mapping.
 *
 * <p>Thread-safety: safe for concurrent use.
 *
 * <p>Security: never prints a value or the password; the driver is told to leave the server's error
 * details (which may quote parameters) out of its messages.
 */
public final class PostgresKeyStore implements KeyStore {

  private final HikariDataSource pool;
  private final TableName table;
  private final int queryTimeoutSeconds;
  private final String description;
  private final String insert;
  private final String select;
  private final String delete;
  private final String list;

  PostgresKeyStore(
      HikariDataSource pool, TableName table, int queryTimeoutSeconds, String description) {
    this.pool = pool;
    this.table = table;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
    this.description = description;
    this.insert = insertSql(table);
    this.select = "SELECT value FROM " + table.quoted() + " WHERE name = ?";
    this.delete = "DELETE FROM " + table.quoted() + " WHERE name = ?";
    this.list = listSql(table);
  }

  private static String insertSql(TableName table) {
    return "INSERT INTO "
        + table.quoted()
        + " (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING";
  }

  /** LIMIT NULL is no limit. Byte order whatever collation the table was made with. */
  private static String listSql(TableName table) {
    return "SELECT name FROM "
        + table.quoted()
        + " WHERE name COLLATE \"C\" LIKE ? ESCAPE '\\' AND name COLLATE \"C\" >= ?"
        + " ORDER BY name COLLATE \"C\" LIMIT ?";
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the table if it is missing and {@code create} is set, then checks, without changing
   * anything, that every statement of the store plans: the columns exist, {@code name} has a unique
   * key for {@code ON CONFLICT}, and the role may select, insert and delete. Planning works on a
   * read-only database, so a server can start against a standby.
   *
   * <p>On a connection of its own, before there is a pool: a refused login or certificate fails at
   * once with its own message, where a pool would retry until its timeout.
   *
   * @throws KeyStoreUnreachableException if the database cannot be reached
   * @throws KeyStoreException if the table cannot be created or used
   */
  static void prepare(
      javax.sql.DataSource source, TableName table, int queryTimeoutSeconds, boolean create) {
    try (Connection c = source.getConnection()) {
      if (create && !exists(c, table, queryTimeoutSeconds)) {
        try (Statement s = c.createStatement()) {
          s.setQueryTimeout(queryTimeoutSeconds);
          s.execute(
              "CREATE TABLE IF NOT EXISTS "
                  + table.quoted()
                  + " (name text COLLATE \"C\" PRIMARY KEY, value bytea NOT NULL,"
                  + " created timestamptz NOT NULL DEFAULT now())");
        } catch (SQLException e) {
          // Two servers starting at once: the other one's CREATE may have won the race.
          if (!exists(c, table, queryTimeoutSeconds)) {
            throw e;
          }
        }
      }
      String quoted = table.quoted();
      List<String> plans =
          List.of(
              insertSql(table),
              "SELECT value FROM " + quoted + " WHERE name = ?",
              "DELETE FROM " + quoted + " WHERE name = ?",
              listSql(table));
      for (String sql : plans) {
        try (PreparedStatement s = c.prepareStatement("EXPLAIN " + sql)) {
          s.setQueryTimeout(queryTimeoutSeconds);
          s.setString(1, "");
          if (sql.startsWith("INSERT")) {
            s.setBytes(2, new byte[0]);
          } else if (sql.contains(" LIMIT ")) {
            s.setString(2, "");
            s.setNull(3, Types.BIGINT);
          }
          s.executeQuery().close();
        }
      }
    } catch (SQLException e) {
      throw PostgresErrors.map("cannot use the table '" + table + "'", table, e);
    }
  }

  private static boolean exists(Connection c, TableName table, int queryTimeoutSeconds)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setString(1, table.quoted());
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getBoolean(1);
      }
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryExistsException if {@code name} exists already, even if another server created it
   *     a moment ago
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    int inserted;
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(insert)) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setString(1, name);
      s.setBytes(2, value);
      inserted = s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresErrors.map("failed to create '" + name + "'", table, e);
    }
    if (inserted == 0) {
      throw new EntryExistsException("postgres: key '" + name + "' already exists");
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if there is no row {@code name}
   */
  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(select)) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        if (r.next()) {
          return r.getBytes(1);
        }
      }
    } catch (SQLException e) {
      throw PostgresErrors.map("failed to read '" + name + "'", table, e);
    }
    throw new EntryNotFoundException("postgres: key '" + name + "' does not exist");
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if there is no row {@code name}
   */
  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    int deleted;
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(delete)) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setString(1, name);
      deleted = s.executeUpdate();
    } catch (SQLException e) {
      throw PostgresErrors.map("failed to delete '" + name + "'", table, e);
    }
    if (deleted == 0) {
      throw new EntryNotFoundException("postgres: key '" + name + "' does not exist");
    }
  }

  /** One query: names by prefix from the cursor on, in byte order, one more than the page. */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    List<String> names = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(list)) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.setString(1, likePrefix(prefix));
      s.setString(2, continueAt);
      if (limit > 0) {
        s.setLong(3, limit + 1L);
      } else {
        s.setNull(3, Types.BIGINT);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          names.add(r.getString(1));
        }
      }
    } catch (SQLException e) {
      throw PostgresErrors.map("failed to list keys", table, e);
    }
    if (limit > 0 && names.size() > limit) {
      String next = names.remove(limit);
      return new KeyListing(names, next);
    }
    return new KeyListing(names, "");
  }

  /** {@code prefix%}, with LIKE's wildcards and the escape character escaped. */
  static String likePrefix(String prefix) {
    StringBuilder out = new StringBuilder(prefix.length() + 1);
    for (int i = 0; i < prefix.length(); i++) {
      char ch = prefix.charAt(i);
      if (ch == '\\' || ch == '%' || ch == '_') {
        out.append('\\');
      }
      out.append(ch);
    }
    return out.append('%').toString();
  }

  /** {@code SELECT 1} on a pooled connection; the time includes waiting for the connection. */
  @Override
  public Duration status() {
    long start = System.nanoTime();
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.execute("SELECT 1");
    } catch (SQLException e) {
      throw PostgresErrors.map("status", table, e);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code PostgreSQL: host:port/database (table name)}. */
  @Override
  public String description() {
    return description;
  }

  /** Closes the pool's connections. */
  @Override
  public void close() {
    pool.close();
  }

  /** The description; never a value or the password. */
  @Override
  public String toString() {
    return "PostgresKeyStore[" + description + "]";
  }

  /**
   * Builds a {@link PostgresKeyStore}; get one from {@link PostgresKeyStore#builder()}. The
   * settings are those of {@code keystore.postgres} (see docs/keystores/postgres.md).
   *
   * <p>The URL and the user are required. TLS is on by default and verifies the server's
   * certificate and host name ({@code sslmode=verify-full}), against {@link #tlsCa(Path)} or else
   * the JVM's trust store; {@link #plaintext()} turns it off.
   *
   * <p>Thread-safety: not thread-safe; use one builder from one thread. Nullness: no argument may
   * be {@code null}.
   *
   * <p>Security: {@link #toString()} never shows the password. The password is kept as a {@code
   * String}, as the JDBC driver needs it, so it cannot be zeroed.
   */
  public static final class Builder {

    /** The default key table. */
    public static final String DEFAULT_TABLE = "kes_keys";

    private static final Duration MIN_CONNECT_TIMEOUT = Duration.ofMillis(250);
    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private String url = "";
    private String user = "";
    private String password = "";
    private String table = DEFAULT_TABLE;
    private int poolSize = 10;
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration queryTimeout = Duration.ofSeconds(10);
    private boolean tls = true;
    private Path tlsCa;
    private boolean createTable = true;

    Builder() {}

    /**
     * The database: {@code jdbc:postgresql://HOST[:PORT][,HOST2[:PORT2]...]/DATABASE[?PARAMS]}; a
     * {@code postgresql://} or {@code postgres://} URL means the same. Parameters are passed to the
     * driver (for example {@code targetServerType=primary} with several hosts), except the user,
     * the password and the {@code ssl...} ones, which have settings of their own. Required.
     */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /** The database role to log in as. Required. */
    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    /** The role's password; empty (the default) when the server needs none. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * The key table, {@code table} or {@code schema.table}: lower-case letters, digits and {@code
     * _}; {@value #DEFAULT_TABLE} by default.
     *
     * @throws IllegalArgumentException at {@link #build()} if it is not such a name
     */
    public Builder table(String table) {
      this.table = Objects.requireNonNull(table, "table");
      return this;
    }

    /** The most connections the store opens, 1 to 1000; 10 by default. */
    public Builder poolSize(int poolSize) {
      if (poolSize < 1 || poolSize > 1000) {
        throw new IllegalArgumentException("poolSize must be between 1 and 1000: " + poolSize);
      }
      this.poolSize = poolSize;
      return this;
    }

    /**
     * How long an operation waits for a connection (a free one in the pool, or a new one), and how
     * long the TCP connect of a new one may take; at least 250 ms, 2 s by default. While the
     * database is down, every operation fails after at most this long. A login (TLS and password)
     * that is under way in the background may take up to 10 s, or this long if that is more.
     */
    public Builder connectTimeout(Duration connectTimeout) {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      if (connectTimeout.compareTo(MIN_CONNECT_TIMEOUT) < 0) {
        throw new IllegalArgumentException("connectTimeout must be at least 250ms");
      }
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * How long one statement may run, in whole seconds (rounded up), at least 1 s; 10 s by default.
     */
    public Builder queryTimeout(Duration queryTimeout) {
      Objects.requireNonNull(queryTimeout, "queryTimeout");
      if (queryTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new IllegalArgumentException("queryTimeout must be at least 1s");
      }
      this.queryTimeout = queryTimeout;
      return this;
    }

    /**
     * TLS (the default), verifying the server's certificate and host name against the CA
     * certificates in the PEM file {@code ca}.
     */
    public Builder tlsCa(Path ca) {
      this.tlsCa = Objects.requireNonNull(ca, "ca");
      this.tls = true;
      return this;
    }

    /**
     * TLS (the default), verifying the server's certificate and host name against the JVM's trust
     * store. Replaces {@link #tlsCa(Path)} and {@link #plaintext()}.
     */
    public Builder tlsWithJvmTrustStore() {
      this.tlsCa = null;
      this.tls = true;
      return this;
    }

    /**
     * No TLS: keys travel in clear text between this JVM and the database. Only for a database on
     * the same host or a network that is trusted as much as the host.
     */
    public Builder plaintext() {
      this.tlsCa = null;
      this.tls = false;
      return this;
    }

    /**
     * Whether {@link #build()} creates the table when it is missing (the default); {@code false}
     * for a role that may not create tables, on a table an administrator made.
     */
    public Builder createTable(boolean createTable) {
      this.createTable = createTable;
      return this;
    }

    /**
     * Builds the store: connects, creates the table if it is missing and allowed, and checks that
     * the table has the expected columns and key and that the role may read, insert and delete.
     *
     * @throws IllegalStateException if the URL or the user is missing
     * @throws IllegalArgumentException if the URL, the table name or the CA file is invalid
     * @throws KeyStoreUnreachableException if the database cannot be reached
     * @throws KeyStoreException if the login is refused, or the table is missing, wrong or not
     *     accessible
     */
    public PostgresKeyStore build() {
      if (url.isEmpty()) {
        throw new IllegalStateException("no url specified");
      }
      if (user.isEmpty()) {
        throw new IllegalStateException("no user specified");
      }
      String jdbcUrl = jdbcUrl(url);
      Properties parsed = parseUrl(jdbcUrl);
      TableName tableName = TableName.parse(table);
      if (tlsCa != null && !Files.isReadable(tlsCa)) {
        throw new IllegalArgumentException("the CA file " + tlsCa + " cannot be read");
      }

      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(jdbcUrl);
      source.setUser(user);
      if (!password.isEmpty()) {
        source.setPassword(password);
      }
      int connectSeconds = (int) Math.max(1, ceilSeconds(connectTimeout));
      int querySeconds = (int) ceilSeconds(queryTimeout);
      source.setConnectTimeout(connectSeconds);
      // The whole login (TLS, SCRAM) may take longer than the TCP connect, the first one of a cold
      // JVM in particular. Requests never wait for it longer than the pool's timeout below.
      source.setLoginTimeout(Math.max(connectSeconds, LOGIN_TIMEOUT_SECONDS));
      // A backstop for a connection whose peer vanished: the statement timeout cancels first.
      source.setSocketTimeout(querySeconds + connectSeconds);
      source.setTcpKeepAlive(true);
      source.setApplicationName("kes");
      // The server's error details may quote statement parameters, such as a stored value.
      source.setLogServerErrorDetail(false);
      if (tls) {
        source.setSslMode("verify-full");
        if (tlsCa != null) {
          source.setSslRootCert(tlsCa.toAbsolutePath().toString());
        } else {
          source.setSslfactory(DefaultJavaSSLFactory.class.getName());
        }
      } else {
        source.setSslMode("disable");
      }

      PostgresKeyStore.prepare(source, tableName, querySeconds, createTable);

      HikariConfig config = new HikariConfig();
      config.setDataSource(source);
      config.setPoolName("kes-postgres");
      config.setMaximumPoolSize(poolSize);
      config.setMinimumIdle(Math.min(poolSize, 2));
      config.setConnectionTimeout(connectTimeout.toMillis());
      config.setValidationTimeout(Math.max(250, connectTimeout.toMillis() / 2));
      config.setAutoCommit(true);
      // Start without a connection: the pool fills itself in the background.
      config.setInitializationFailTimeout(-1);
      return new PostgresKeyStore(
          new HikariDataSource(config), tableName, querySeconds, description(parsed, tableName));
    }

    private static long ceilSeconds(Duration d) {
      long seconds = d.getSeconds();
      return d.getNano() > 0 ? seconds + 1 : seconds;
    }

    /**
     * The JDBC form of a {@code jdbc:postgresql:}, {@code postgresql:} or {@code postgres:} URL.
     *
     * @throws IllegalArgumentException if it is none of these, or carries a user or password
     */
    static String jdbcUrl(String url) {
      String jdbc;
      if (url.startsWith("jdbc:postgresql:")) {
        jdbc = url;
      } else if (url.startsWith("postgresql://")) {
        jdbc = "jdbc:" + url;
      } else if (url.startsWith("postgres://")) {
        jdbc = "jdbc:postgresql://" + url.substring("postgres://".length());
      } else {
        throw new IllegalArgumentException(
            "not a PostgreSQL URL: write it as jdbc:postgresql://HOST[:PORT]/DATABASE");
      }
      String rest = jdbc.substring("jdbc:postgresql:".length());
      if (rest.startsWith("//")) {
        int end = rest.length();
        for (char c : new char[] {'/', '?'}) {
          int at = rest.indexOf(c, 2);
          if (at >= 0 && at < end) {
            end = at;
          }
        }
        // Never echo the URL: the part before @ may hold a password.
        if (rest.substring(2, end).contains("@")) {
          throw new IllegalArgumentException(
              "the URL must not hold a user or password; use the credentials settings");
        }
      }
      return jdbc;
    }

    /**
     * The driver's reading of the URL, checked: it has a database, and none of the parameters that
     * have settings of their own.
     */
    private static Properties parseUrl(String jdbcUrl) {
      Properties parsed = org.postgresql.Driver.parseURL(jdbcUrl, null);
      if (parsed == null) {
        throw new IllegalArgumentException(
            "not a valid PostgreSQL URL: write it as jdbc:postgresql://HOST[:PORT]/DATABASE");
      }
      if (parsed.getProperty("PGDBNAME", "").isEmpty()) {
        throw new IllegalArgumentException(
            "the URL names no database: write it as jdbc:postgresql://HOST[:PORT]/DATABASE");
      }
      for (String name : parsed.stringPropertyNames()) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("user") || lower.equals("password")) {
          throw new IllegalArgumentException(
              "the URL must not hold a user or password; use the credentials settings");
        }
        if (lower.startsWith("ssl") || lower.startsWith("socketfactory")) {
          throw new IllegalArgumentException(
              "the URL parameter '" + name + "' is not allowed: TLS is set by the tls settings");
        }
      }
      return parsed;
    }

    /** {@code PostgreSQL: host:port/database (table t)}; several hosts comma-separated. */
    private static String description(Properties parsed, TableName table) {
      String[] hosts = parsed.getProperty("PGHOST").split(",", -1);
      String[] ports = parsed.getProperty("PGPORT").split(",", -1);
      StringBuilder out = new StringBuilder("PostgreSQL: ");
      for (int i = 0; i < hosts.length; i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(hosts[i]).append(':').append(i < ports.length ? ports[i] : ports[0]);
      }
      return out.append('/')
          .append(parsed.getProperty("PGDBNAME"))
          .append(" (table ")
          .append(table)
          .append(')')
          .toString();
    }

    String user() {
      return user;
    }

    Optional<Path> tlsCa() {
      return Optional.ofNullable(tlsCa);
    }

    boolean tls() {
      return tls;
    }

    int poolSize() {
      return poolSize;
    }

    Duration connectTimeout() {
      return connectTimeout;
    }

    Duration queryTimeout() {
      return queryTimeout;
    }

    String table() {
      return table;
    }

    /** The settings, without the password. */
    @Override
    public String toString() {
      return "PostgresKeyStore.Builder[url="
          + (url.contains("@") ? "(hidden: holds a user or password)" : url)
          + ", user="
          + user
          + ", password="
          + (password.isEmpty() ? "none" : "set")
          + ", table="
          + table
          + ", tls="
          + (!tls ? "off" : tlsCa == null ? "JVM trust store" : "CA " + tlsCa)
          + ", poolSize="
          + poolSize
          + "]";
    }
  }
}

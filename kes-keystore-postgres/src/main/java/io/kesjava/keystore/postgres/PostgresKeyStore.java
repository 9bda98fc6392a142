package io.kesjava.keystore.postgres;

import com.zaxxer.hikari.HikariDataSource;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
  public static PostgresKeyStoreBuilder builder() {
    return new PostgresKeyStoreBuilder();
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
}

package io.kesjava.keystore.postgres;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns a failed SQL call into the key-store exception the server maps to a status.
 *
 * <p>{@link KeyStoreUnreachableException} (for the server: {@code /v1/ready} answers {@code 504 key
 * store is not reachable}) when the database cannot be reached or cannot take the request now: no
 * connection (SQLSTATE class {@code 08}, or a pool that timed out waiting for one), a server that
 * is shutting down, starting up or out of connection slots ({@code 57P01}-{@code 57P03}, {@code
 * 53300}), a statement that ran past its timeout ({@code 57014}), and a read-only database ({@code
 * 25006}: a hot standby, or {@code default_transaction_read_only}), which cannot take creates and
 * deletes until a primary is back. Everything else (a refused login, a missing permission or table)
 * is a plain {@link KeyStoreException}: it needs an operator, not patience.
 *
 * <p>Messages carry the SQLSTATE and the driver's message, which names hosts, roles and tables but
 * never a password or a stored value: the driver is told not to add the server's error details,
 * which may quote statement parameters ({@code logServerErrorDetail=false}).
 */
final class PostgresErrors {

  private PostgresErrors() {}

  /**
   * The exception for a failed operation.
   *
   * @param what what failed, such as {@code failed to create 'my-key'}
   * @param table the key table, for the messages that name it
   */
  static KeyStoreException map(String what, TableName table, SQLException e) {
    String state = sqlState(e);
    String prefix = "postgres: " + what + ": ";
    if ("25006".equals(state)) {
      return new KeyStoreUnreachableException(
          prefix
              + "the database is read-only (a hot standby, or default_transaction_read_only is"
              + " on); creates and deletes need the primary",
          e);
    }
    if (isUnreachable(e, state)) {
      return new KeyStoreUnreachableException(
          prefix + "the database is not reachable: " + reason(e), e);
    }
    if (state != null && state.startsWith("28")) {
      return new KeyStoreException(prefix + "the database refused the login: " + reason(e), e);
    }
    if ("42501".equals(state)) {
      return new KeyStoreException(
          prefix
              + "permission denied: the role needs SELECT, INSERT and DELETE on the table '"
              + table
              + "' (and CREATE on its schema to create it): "
              + reason(e),
          e);
    }
    if ("42P01".equals(state)) {
      return new KeyStoreException(
          prefix + "the table '" + table + "' does not exist: " + reason(e), e);
    }
    return new KeyStoreException(prefix + reason(e), e);
  }

  /**
   * Whether {@code e} means the database could not be reached or did not answer in time. The
   * SQLSTATE decides when there is one (the pool's timeout carries that of the last failed login,
   * so a refused password stays a refused password); without one, the kind of exception does.
   */
  static boolean isUnreachable(SQLException e, String state) {
    if (state != null) {
      return state.startsWith("08")
          || state.equals("57P01") // admin_shutdown
          || state.equals("57P02") // crash_shutdown
          || state.equals("57P03") // cannot_connect_now: starting up or shutting down
          || state.equals("53300") // too_many_connections
          || state.equals("57014"); // query_canceled: the statement timeout
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException
          || t instanceof SQLRecoverableException
          || t instanceof SQLTimeoutException
          || t instanceof java.io.IOException) {
        return true;
      }
    }
    return false;
  }

  /** The first SQLSTATE in the chain of causes, or {@code null}. */
  static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
        return ((SQLException) t).getSQLState();
      }
    }
    return null;
  }

  /**
   * The message of {@code e}, with that of its first SQL cause when {@code e} only wraps it (as the
   * pool's timeout does), and the SQLSTATE.
   */
  static String reason(SQLException e) {
    StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
    Throwable cause = e.getCause();
    if (cause != null && cause != e && cause.getMessage() != null) {
      out.append(" (").append(cause.getMessage()).append(')');
    }
    String state = sqlState(e);
    if (state != null) {
      out.append(" [SQLSTATE ").append(state).append(']');
    }
    return out.toString();
  }
}

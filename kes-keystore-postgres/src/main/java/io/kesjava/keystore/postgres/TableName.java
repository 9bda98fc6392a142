package io.kesjava.keystore.postgres;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of the key table, {@code table} or {@code schema.table}, checked and quoted before it
 * goes into SQL. Only lower-case letters, digits and {@code _} are allowed (a letter or {@code _}
 * first, at most 63 characters per part), so the quoted name is the very table an unquoted name
 * written in psql means, and nothing else can reach the SQL text.
 *
 * <p>Thread-safety: immutable.
 */
final class TableName {

  private static final Pattern PART = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String text;
  private final String quoted;

  private TableName(String text, String quoted) {
    this.text = text;
    this.quoted = quoted;
  }

  /**
   * Parses {@code table} or {@code schema.table}.
   *
   * @throws IllegalArgumentException if it is not such a name; the message quotes it (a table name
   *     is no secret)
   */
  static TableName parse(String name) {
    Objects.requireNonNull(name, "name");
    String[] parts = name.split("\\.", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException(invalid(name));
    }
    StringBuilder quoted = new StringBuilder();
    for (String part : parts) {
      if (!PART.matcher(part).matches()) {
        throw new IllegalArgumentException(invalid(name));
      }
      if (quoted.length() > 0) {
        quoted.append('.');
      }
      quoted.append('"').append(part).append('"');
    }
    return new TableName(name, quoted.toString());
  }

  private static String invalid(String name) {
    return "'"
        + name
        + "' is not a table name: use lower-case letters, digits and _ (a letter or _ first, at"
        + " most 63 characters), optionally as schema.table";
  }

  /** The name as written in the config, such as {@code kes_keys}. */
  String text() {
    return text;
  }

  /** The name quoted for SQL, such as {@code "kes_keys"} or {@code "kes"."keys"}. */
  String quoted() {
    return quoted;
  }

  @Override
  public String toString() {
    return text;
  }
}

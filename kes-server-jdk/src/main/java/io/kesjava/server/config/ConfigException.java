package io.kesjava.server.config;

/**
 * The config file cannot be used: YAML syntax, a duplicate key, a type mismatch, a missing
 * environment variable or an invalid value. The message is KES's ({@code
 * docs/configuration.md#when-things-are-checked}) followed by {@code (line N)} when the line is
 * known.
 *
 * <p>Security: the message never contains the value of a secret setting.
 */
public class ConfigException extends RuntimeException {

  private final int line;

  /**
   * @param message what is wrong, without the line
   * @param line the line in the file (1-based), or 0 if unknown
   */
  public ConfigException(String message, int line) {
    super(mentionsLine(message, line) ? message : message + " (line " + line + ")");
    this.line = line;
  }

  private static boolean mentionsLine(String message, int line) {
    return line <= 0 || message.contains("line " + line + ":") || message.contains("line '" + line + "'");
  }

  /** The line in the file (1-based), or 0 when the problem has no line (a missing section). */
  public int line() {
    return line;
  }
}

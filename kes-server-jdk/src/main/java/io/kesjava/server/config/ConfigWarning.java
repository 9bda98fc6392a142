package io.kesjava.server.config;

import java.util.Objects;

/**
 * Something in the config file that does not stop the server but is probably a mistake, such as an
 * unknown key ({@code docs/migrating-from-go-kes.md}: typos must not pass silently).
 *
 * @param key the full key path, such as {@code tls.pasword}; may be empty
 * @param line the line in the file (1-based), or 0 when there is none
 * @param message what is wrong, without the line
 *
 * <p>Thread-safety: immutable.
 */
public record ConfigWarning(String key, int line, String message) {

  /** Checks that key and message are not null. */
  public ConfigWarning {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(message, "message");
  }

  /** The message with {@code (line N)} when the line is known. */
  @Override
  public String toString() {
    return line > 0 ? message + " (line " + line + ")" : message;
  }
}

package io.kesjava.server.config;

import java.util.Locale;
import java.util.Map;

/**
 * The level grammar of {@code log.error} and {@code log.audit} ({@code docs/configuration.md#log}):
 * after trimming and upper-casing, empty or {@code ON} is INFO, {@code OFF} is ERROR+1, a level
 * name, a name plus an integer ({@code ERROR+2}, {@code INFO+-1}), or an integer.
 */
final class LogLevels {

  private static final Map<String, Integer> NAMES = Map.of("DEBUG", -4, "INFO", 0, "WARN", 4, "ERROR", 8);

  private LogLevels() {}

  /**
   * The slog level of {@code text}.
   *
   * @throws IllegalArgumentException with KES's message
   */
  static int parse(String text) {
    String s = text.strip().toUpperCase(Locale.ROOT);
    if (s.isEmpty() || s.equals("ON")) {
      return LogConfig.INFO;
    }
    if (s.equals("OFF")) {
      return LogConfig.OFF;
    }
    Integer named = NAMES.get(s);
    if (named != null) {
      return named;
    }
    int plus = s.indexOf('+');
    if (plus >= 0) {
      Integer base = NAMES.get(s.substring(0, plus));
      if (base == null) {
        throw new IllegalArgumentException("kesconf: invalid log level '" + text + "'");
      }
      String suffix = s.substring(plus + 1);
      try {
        return Math.addExact(base, atoi(suffix));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(
            "kesconf: invalid log level suffix '" + suffix + "': " + atoiError(suffix, e));
      }
    }
    try {
      return atoi(s);
    } catch (NumberFormatException e) {
      // KES returns strconv.Atoi's error as it is (docs/configuration.md#log).
      throw new IllegalArgumentException(atoiError(s, e));
    }
  }

  /** Go's {@code strconv.Atoi} for an int: ASCII digits with an optional sign. */
  private static int atoi(String s) {
    if (!s.matches("[+-]?[0-9]+")) {
      throw new NumberFormatException("invalid syntax");
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("value out of range");
    }
  }

  private static String atoiError(String s, Exception e) {
    String reason = e instanceof ArithmeticException ? "value out of range" : e.getMessage();
    return "strconv.Atoi: parsing \"" + s + "\": " + reason;
  }
}

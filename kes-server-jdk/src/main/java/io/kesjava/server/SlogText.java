package io.kesjava.server;

/** Go {@code log/slog} text-handler formatting ({@code docs/formats.md#log-events}). Stateless. */
final class SlogText {

  /** slog's numeric levels. */
  static final int DEBUG = -4;
  static final int INFO = 0;
  static final int WARN = 4;
  static final int ERROR = 8;

  private SlogText() {}

  /** {@code DEBUG}, {@code INFO}, {@code WARN}, {@code ERROR}, or with an offset: {@code ERROR+1}. */
  static String levelName(int level) {
    String base;
    int off;
    if (level < INFO) {
      base = "DEBUG";
      off = level - DEBUG;
    } else if (level < WARN) {
      base = "INFO";
      off = level - INFO;
    } else if (level < ERROR) {
      base = "WARN";
      off = level - WARN;
    } else {
      base = "ERROR";
      off = level - ERROR;
    }
    return off == 0 ? base : base + (off > 0 ? "+" : "") + off;
  }

  /** Appends {@code " key=value"}, quoting the value as slog does. */
  static void attr(StringBuilder sb, String key, String value) {
    if (sb.length() > 0) {
      sb.append(' ');
    }
    sb.append(key).append('=');
    if (needsQuoting(value)) {
      quote(sb, value);
    } else {
      sb.append(value);
    }
  }

  private static boolean needsQuoting(String s) {
    if (s.isEmpty()) {
      return true;
    }
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      if (c == '=' || c == '"' || Character.isWhitespace(c) || Character.isSpaceChar(c)
          || !printable(c)) {
        return true;
      }
      i += Character.charCount(c);
    }
    return false;
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return !(Character.isISOControl(c)
        || type == Character.UNASSIGNED
        || type == Character.SURROGATE
        || type == Character.PRIVATE_USE
        || type == Character.FORMAT
        || type == Character.LINE_SEPARATOR
        || type == Character.PARAGRAPH_SEPARATOR);
  }

  /** Go {@code strconv.Quote}. */
  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case 7 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case 0x0B -> sb.append("\\v");
        default -> {
          if (c == ' ' || printable(c) && !Character.isWhitespace(c)) {
            sb.appendCodePoint(c);
          } else if (c < 0x80) {
            sb.append(String.format("\\x%02x", c));
          } else if (c <= 0xFFFF) {
            sb.append(String.format("\\u%04x", c));
          } else {
            sb.append(String.format("\\U%08x", c));
          }
        }
      }
    }
    sb.append('"');
  }
}

package io.kesjava.keystore.internal;

/**
 * JSON strings escaped as Go's {@code encoding/json} escapes them: a backslash before {@code "}
 * and the backslash itself; the short escapes for newline, carriage return, tab, backspace and
 * form feed; every other control character, {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as
 * a six-character Unicode escape (HTML-safe, as Go's default); and an unpaired surrogate as the
 * escape of U+FFFD (Go replaces invalid UTF-8).
 * The server's responses and the GCP store's service-account document use it.
 *
 * <p>Thread-safety: stateless.
 */
public final class GoJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private GoJson() {}

  /** Appends {@code s} as a JSON string with Go's escaping; returns {@code sb}. */
  public static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        case '\b' -> sb.append("\\b");
        case '\f' -> sb.append("\\f");
        case '<', '>', '&', '\u2028', '\u2029' -> unicode(sb, c);
        default -> {
          if (c < 0x20) {
            unicode(sb, c);
          } else if (Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1))) {
            sb.append(c).append(s.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            sb.append("\\ufffd"); // Go replaces invalid UTF-8 with U+FFFD
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  /** Returns {@code s} as a JSON string with Go's escaping. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString();
  }

  private static void unicode(StringBuilder sb, char c) {
    sb.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}

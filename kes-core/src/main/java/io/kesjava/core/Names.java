package io.kesjava.core;

/**
 * The name rules of the KES API ({@code docs/formats.md#listing-and-names}).
 *
 * <p>Thread-safety: stateless.
 */
public final class Names {

  /** The longest valid name or pattern, in bytes. */
  public static final int MAX_LENGTH = 80;

  private Names() {}

  /**
   * Whether {@code name} is a valid key, policy or identity name: 1 to 80 characters of {@code
   * 0-9A-Za-z-_}, not starting or ending with {@code -}, and not {@code _} alone.
   */
  public static boolean isValidName(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || name.equals("_")) {
      return false;
    }
    if (name.charAt(0) == '-' || name.charAt(name.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (!isNameChar(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@code pattern} is a valid listing pattern: empty, {@code *}, or a name that may end in
   * one {@code *} (the part before the {@code *} then follows the name rule, except that it may end
   * with {@code -} or {@code _}).
   */
  public static boolean isValidPattern(String pattern) {
    if (pattern == null) {
      return false;
    }
    if (pattern.isEmpty() || pattern.equals("*")) {
      return true;
    }
    if (pattern.length() > MAX_LENGTH) {
      return false;
    }
    String stem = pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (stem.isEmpty() || stem.equals("_") && stem.length() == pattern.length()) {
      return false;
    }
    if (stem.charAt(0) == '-') {
      return false;
    }
    if (stem.length() == pattern.length() && stem.charAt(stem.length() - 1) == '-') {
      return false;
    }
    for (int i = 0; i < stem.length(); i++) {
      if (!isNameChar(stem.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The prefix a valid listing pattern selects: empty for all, else the pattern without one
   * trailing {@code *} (our decision, {@code docs/migrating-from-go-kes.md}: a trailing {@code *}
   * is a wildcard).
   */
  public static String prefixOf(String pattern) {
    if (pattern.equals("*")) {
      return "";
    }
    return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
  }

  private static boolean isNameChar(char c) {
    return (c >= '0' && c <= '9')
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || c == '-'
        || c == '_';
  }
}

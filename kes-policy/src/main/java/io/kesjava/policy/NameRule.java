package io.kesjava.policy;

/**
 * The one home of the KES name rules ({@code docs/formats.md#listing-and-names}) and of the
 * messages that reject a name: policy tables check their policy names and identities with it, and
 * kes-core's {@code Names} (the rules as the {@code Kes} API documents them) delegates to it, so
 * the engine, the server, the client and the config parser all apply one rule and say the same.
 *
 * <p>Thread-safety: stateless.
 */
public final class NameRule {

  /** The longest valid name or pattern, in characters. */
  public static final int MAX_LENGTH = 80;

  private NameRule() {}

  /**
   * Whether {@code name} is a valid key, policy or identity name: 1 to 80 characters of {@code
   * 0-9A-Za-z-_}, not starting or ending with {@code -}, and not {@code _} alone; {@code null} is
   * not.
   */
  public static boolean isValidName(String name) {
    if (name == null) {
      return false;
    }
    int n = name.length();
    if (n == 0 || n > MAX_LENGTH || name.equals("_")) {
      return false;
    }
    if (name.charAt(0) == '-' || name.charAt(n - 1) == '-') {
      return false;
    }
    return allNameChars(name);
  }

  /**
   * Whether {@code pattern} is a valid listing pattern: empty, {@code *}, or a name that may end in
   * one {@code *} (the part before the {@code *} then follows the name rule, except that it may end
   * with {@code -} and may be {@code _} alone); {@code null} is not.
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
    boolean wildcard = pattern.endsWith("*");
    String stem = wildcard ? pattern.substring(0, pattern.length() - 1) : pattern;
    if (stem.isEmpty() || !wildcard && stem.equals("_")) {
      return false;
    }
    if (stem.charAt(0) == '-' || !wildcard && stem.charAt(stem.length() - 1) == '-') {
      return false;
    }
    return allNameChars(stem);
  }

  /**
   * The message that rejects an invalid name: {@code <what> '<name>' is empty, too long or contains
   * invalid characters}.
   *
   * @param what what the name names: {@code key name}, {@code policy name} or {@code identity}
   */
  public static String invalidName(String what, String name) {
    return what + " '" + name + "' is empty, too long or contains invalid characters";
  }

  /** The message that rejects an invalid listing pattern. */
  public static String invalidPattern(String pattern) {
    return "listing pattern '" + pattern + "' is empty, too long or is invalid";
  }

  private static boolean allNameChars(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || c == '-'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

package io.kesjava.policy;

/**
 * KES's current pattern rule, which deny patterns also match by: a pattern that ends with {@code *}
 * matches every path that starts with the pattern without that last {@code *}, slashes included;
 * any other pattern matches only the path equal to it; the empty pattern matches nothing. No other
 * character is special.
 *
 * <p>Thread-safety: stateless.
 */
final class PrefixRule {

  private PrefixRule() {}

  static boolean matches(String pattern, String path) {
    if (pattern.isEmpty()) {
      return false;
    }
    if (pattern.endsWith("*")) {
      return path.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    return path.equals(pattern);
  }
}

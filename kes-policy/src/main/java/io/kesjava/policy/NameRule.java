package io.kesjava.policy;

/**
 * The name rule for policy names and identities ({@code docs/formats.md#listing-and-names}): 1 to
 * 80 characters of {@code 0-9A-Za-z-_}, no {@code -} first or last, and not {@code _} alone.
 *
 * <p>Thread-safety: stateless.
 */
final class NameRule {

  private static final int MAX_LENGTH = 80;

  private NameRule() {}

  static boolean isValid(String name) {
    int n = name.length();
    if (n == 0 || n > MAX_LENGTH || name.equals("_")) {
      return false;
    }
    if (name.charAt(0) == '-' || name.charAt(n - 1) == '-') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
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

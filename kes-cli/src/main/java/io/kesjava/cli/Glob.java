package io.kesjava.cli;

import java.util.Objects;

/**
 * A shell pattern for {@code kes migrate}, matched against whole key names as Go's {@code
 * filepath.Match} does on Unix: {@code *} matches any run of characters but {@code /}, {@code ?}
 * one character but {@code /}, {@code [abc]}, {@code [a-z]} and {@code [^a-z]} one character of (or
 * not of) a class, and {@code \} makes the next character literal.
 *
 * <p>Unlike Go, a malformed pattern ({@code [a}, {@code []}, a trailing {@code \}) is rejected when
 * it is compiled, instead of silently matching nothing.
 *
 * <p>Thread-safety: immutable.
 */
final class Glob {

  /** Go's message for a malformed pattern. */
  static final String BAD_PATTERN = "syntax error in pattern";

  private final String pattern;

  private Glob(String pattern) {
    this.pattern = pattern;
  }

  /**
   * Checks and compiles {@code pattern}.
   *
   * @throws IllegalArgumentException if the pattern is malformed
   */
  static Glob compile(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    int i = 0;
    while (i < pattern.length()) {
      char c = pattern.charAt(i);
      if (c == '\\') {
        if (i + 1 == pattern.length()) {
          throw new IllegalArgumentException(BAD_PATTERN);
        }
        i += 2;
      } else if (c == '[') {
        i = classEnd(pattern, i);
        if (i < 0) {
          throw new IllegalArgumentException(BAD_PATTERN);
        }
      } else {
        i++;
      }
    }
    return new Glob(pattern);
  }

  /**
   * The text every matching name starts with: the pattern up to its first {@code *}, {@code ?},
   * {@code [} or {@code \}; for listing only the names that can match.
   */
  String literalPrefix() {
    for (int i = 0; i < pattern.length(); i++) {
      if ("*?[\\".indexOf(pattern.charAt(i)) >= 0) {
        return pattern.substring(0, i);
      }
    }
    return pattern;
  }

  /** Whether {@code name} as a whole matches the pattern. */
  boolean matches(String name) {
    return match(0, name, 0);
  }

  @Override
  public String toString() {
    return pattern;
  }

  /** Backtracking on {@code *}; the pattern is well-formed. */
  private boolean match(int p, String s, int i) {
    while (p < pattern.length()) {
      char c = pattern.charAt(p);
      switch (c) {
        case '*' -> {
          while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
          }
          if (p == pattern.length()) {
            return s.indexOf('/', i) < 0;
          }
          for (int j = i; j <= s.length(); j++) {
            if (match(p, s, j)) {
              return true;
            }
            if (j < s.length() && s.charAt(j) == '/') {
              return false;
            }
          }
          return false;
        }
        case '?' -> {
          if (i == s.length() || s.charAt(i) == '/') {
            return false;
          }
          i = next(s, i);
          p++;
        }
        case '[' -> {
          if (i == s.length() || s.charAt(i) == '/') {
            return false;
          }
          int end = classEnd(pattern, p);
          if (!inClass(p, end, s.codePointAt(i))) {
            return false;
          }
          i = next(s, i);
          p = end;
        }
        default -> {
          if (c == '\\') {
            p++;
          }
          int expected = pattern.codePointAt(p);
          if (i == s.length() || s.codePointAt(i) != expected) {
            return false;
          }
          i = next(s, i);
          p += Character.charCount(expected);
        }
      }
    }
    return i == s.length();
  }

  /** Whether code point {@code cp} is in the class {@code pattern[start, end)}. */
  private boolean inClass(int start, int end, int cp) {
    int p = start + 1;
    boolean negated = pattern.charAt(p) == '^';
    if (negated) {
      p++;
    }
    boolean found = false;
    int last = end - 1; // the closing ']'
    while (p < last) {
      int lo = literal(p);
      p = after(p);
      int hi = lo;
      if (p < last && pattern.charAt(p) == '-') {
        hi = literal(p + 1);
        p = after(p + 1);
      }
      if (lo <= cp && cp <= hi) {
        found = true;
      }
    }
    return found != negated;
  }

  private int literal(int p) {
    return pattern.charAt(p) == '\\' ? pattern.codePointAt(p + 1) : pattern.codePointAt(p);
  }

  private int after(int p) {
    int at = pattern.charAt(p) == '\\' ? p + 1 : p;
    return at + Character.charCount(pattern.codePointAt(at));
  }

  /**
   * The index after the {@code ]} closing the class that starts at {@code start}, or -1 when the
   * class is malformed: unclosed, empty, a range without its end, or a {@code \} at the end.
   */
  private static int classEnd(String pattern, int start) {
    int p = start + 1;
    if (p < pattern.length() && pattern.charAt(p) == '^') {
      p++;
    }
    boolean first = true;
    while (true) {
      if (p >= pattern.length()) {
        return -1;
      }
      char c = pattern.charAt(p);
      if (c == ']' && !first) {
        return p + 1;
      }
      if (c == ']' || c == '-') {
        return -1; // an empty class, or a range without its start
      }
      p = skipLiteral(pattern, p);
      if (p < 0) {
        return -1;
      }
      if (p < pattern.length() && pattern.charAt(p) == '-') {
        if (p + 1 >= pattern.length() || pattern.charAt(p + 1) == ']'
            || pattern.charAt(p + 1) == '-') {
          return -1;
        }
        p = skipLiteral(pattern, p + 1);
        if (p < 0) {
          return -1;
        }
      }
      first = false;
    }
  }

  private static int skipLiteral(String pattern, int p) {
    if (pattern.charAt(p) == '\\') {
      p++;
      if (p >= pattern.length()) {
        return -1;
      }
    }
    return p + Character.charCount(pattern.codePointAt(p));
  }

  private static int next(String s, int i) {
    return i + Character.charCount(s.codePointAt(i));
  }
}

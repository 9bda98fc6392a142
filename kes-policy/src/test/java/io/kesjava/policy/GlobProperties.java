package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * The glob matcher against a plain backtracking model of {@code
 * docs/policies.md#the-allow-rule-globs-one-segment-at-a-time}, over a small alphabet in which
 * every special character occurs.
 */
class GlobProperties {

  private static final String PATTERN_CHARS = "/*?[]-^\\ab";
  private static final String PATH_CHARS = "/*?[]-^\\ab";

  @Property(tries = 3000)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void matches_agreesWithTheBacktrackingModel(
      @ForAll("patterns") String pattern, @ForAll("paths") String path) {
    boolean expected =
        !pattern.isEmpty() && Model.valid(pattern) && Model.match(pattern, 0, path, 0);
    // Make sure the generators produce enough matches for the comparison to mean something.
    Statistics.label("matched").collect(expected);
    Statistics.label("matched").coverage(c -> c.check(true).percentage(p -> p >= 3.0));

    assertThat(Glob.matches(pattern, path)).isEqualTo(expected);
  }

  @Property(tries = 2000)
  void isValid_agreesWithTheModel(@ForAll("rawPatterns") String pattern) {
    assertThat(Glob.isValid(pattern)).isEqualTo(Model.valid(pattern));
  }

  @Property(tries = 500)
  void aPatternWithoutSpecialCharacters_matchesExactlyItself(
      @ForAll("plainPaths") String pattern, @ForAll("plainPaths") String path) {
    assertThat(Glob.matches(pattern, pattern)).isEqualTo(!pattern.isEmpty());
    assertThat(Glob.matches(pattern, path)).isEqualTo(!pattern.isEmpty() && pattern.equals(path));
  }

  @Provide
  Arbitrary<String> rawPatterns() {
    return Arbitraries.strings().withChars(PATTERN_CHARS.toCharArray()).ofMaxLength(10);
  }

  /** Half raw strings (mostly malformed), half built from well-formed pieces. */
  @Provide
  Arbitrary<String> patterns() {
    Arbitrary<String> piece =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of("a", "b", "/", "-", "^", "]")),
            Tuple.of(4, Arbitraries.of("*", "?", "**")),
            Tuple.of(
                3,
                Arbitraries.of(
                    "[ab]", "[^a]", "[a-b]", "[/]", "[^/]", "[\\]]", "[*-b]", "[\\--a]",
                    "[\\-]", "[^\\^]", "[b-a]")),
            Tuple.of(2, Arbitraries.of("\\a", "\\*", "\\/", "\\\\", "\\?", "\\[")),
            Tuple.of(1, Arbitraries.of("[", "\\", "[]", "[a-]")));
    Arbitrary<String> built = piece.list().ofMaxSize(6).map(l -> String.join("", l));
    return Arbitraries.oneOf(rawPatterns(), built, built);
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> common =
        Arbitraries.strings().withChars("/ab-".toCharArray()).ofMaxLength(8);
    Arbitrary<String> any =
        Arbitraries.strings().withChars(PATH_CHARS.toCharArray()).ofMaxLength(8);
    return Arbitraries.oneOf(common, common, any);
  }

  @Provide
  Arbitrary<String> plainPaths() {
    return Arbitraries.strings().withChars("/ab-".toCharArray()).ofMaxLength(6);
  }

  /**
   * The model: the glob rules read off literally, one character at a time, trying every length for
   * each star. Exponential, which is fine for these short strings.
   */
  static final class Model {

    static boolean valid(String p) {
      int i = 0;
      while (i < p.length()) {
        char c = p.charAt(i);
        if (c == '\\') {
          if (i + 1 == p.length()) {
            return false;
          }
          i += 2;
        } else if (c == '[') {
          i = classEnd(p, i);
          if (i < 0) {
            return false;
          }
        } else {
          i++;
        }
      }
      return true;
    }

    /** Index after the class starting at {@code start}, or -1 if the class is malformed. */
    static int classEnd(String p, int start) {
      int i = start + 1;
      if (i < p.length() && p.charAt(i) == '^') {
        i++;
      }
      int ranges = 0;
      while (true) {
        if (i < p.length() && p.charAt(i) == ']' && ranges > 0) {
          return i + 1;
        }
        i = skipBound(p, i);
        if (i < 0 || i == p.length()) {
          return -1;
        }
        if (p.charAt(i) == '-') {
          i = skipBound(p, i + 1);
          if (i < 0 || i == p.length()) {
            return -1;
          }
        }
        ranges++;
      }
    }

    private static int skipBound(String p, int i) {
      if (i >= p.length() || p.charAt(i) == '-' || p.charAt(i) == ']') {
        return -1;
      }
      if (p.charAt(i) == '\\') {
        return i + 1 < p.length() ? i + 2 : -1;
      }
      return i + 1;
    }

    private static char boundAt(String p, int i) {
      return p.charAt(i) == '\\' ? p.charAt(i + 1) : p.charAt(i);
    }

    private static int boundLength(String p, int i) {
      return p.charAt(i) == '\\' ? 2 : 1;
    }

    /** Whether {@code p[i..]} matches {@code s[j..]}; {@code p} must be valid. */
    static boolean match(String p, int i, String s, int j) {
      if (i == p.length()) {
        return j == s.length();
      }
      char c = p.charAt(i);
      switch (c) {
        case '*':
          for (int k = j; ; k++) {
            if (match(p, i + 1, s, k)) {
              return true;
            }
            if (k == s.length() || s.charAt(k) == '/') {
              return false;
            }
          }
        case '?':
          return j < s.length() && s.charAt(j) != '/' && match(p, i + 1, s, j + 1);
        case '\\':
          return j < s.length() && s.charAt(j) == p.charAt(i + 1) && match(p, i + 2, s, j + 1);
        case '[':
          {
            if (j == s.length()) {
              return false;
            }
            char x = s.charAt(j);
            int k = i + 1;
            boolean negated = p.charAt(k) == '^';
            if (negated) {
              k++;
            }
            boolean in = false;
            boolean first = true;
            while (first || p.charAt(k) != ']') {
              first = false;
              char lo = boundAt(p, k);
              k += boundLength(p, k);
              char hi = lo;
              if (p.charAt(k) == '-') {
                k++;
                hi = boundAt(p, k);
                k += boundLength(p, k);
              }
              if (lo <= x && x <= hi) {
                in = true;
              }
            }
            return in != negated && match(p, k + 1, s, j + 1);
          }
        default:
          return j < s.length() && s.charAt(j) == c && match(p, i + 1, s, j + 1);
      }
    }
  }
}

package io.kesjava.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed glob pattern and its matcher ({@code
 * docs/policies.md#the-allow-rule-globs-one-segment-at-a-time}).
 *
 * <p>The pattern becomes a sequence of single-character elements (a literal, {@code ?}, a class)
 * and stars. Matching simulates the corresponding automaton over the set of live positions, one
 * input character at a time, so it needs at most {@code (elements + 1) * (path length + 1)} steps
 * whatever the pattern: there is no backtracking to blow up. The answer is the one a backtracking
 * matcher gives for the glob rules.
 *
 * <p>Thread-safety: immutable.
 */
final class CompiledGlob {

  private static final byte LITERAL = 0;
  private static final byte ANY = 1;
  private static final byte STAR = 2;
  private static final byte CLASS = 3;

  private static final int SLASH = '/';

  private final byte[] kinds;
  private final int[] literals;
  /** Per class element: lo0, hi0, lo1, hi1, ...; {@code null} for other elements. */
  private final int[][] ranges;
  private final boolean[] negated;

  private CompiledGlob(byte[] kinds, int[] literals, int[][] ranges, boolean[] negated) {
    this.kinds = kinds;
    this.literals = literals;
    this.ranges = ranges;
    this.negated = negated;
  }

  /**
   * Parses {@code pattern}; returns {@code null} when it is malformed. The empty pattern parses
   * (to a matcher of the empty path only); {@link Glob} decides that it matches nothing.
   *
   * <p>Malformed, as Go's {@code ErrBadPattern}: a lone trailing {@code \}; a class that is not
   * terminated, is empty ({@code []}, {@code [^]}), or has a bound that is missing or is an
   * unescaped {@code -} or {@code ]} ({@code [a-]}, {@code [-a]}).
   */
  static CompiledGlob parse(String pattern) {
    int[] p = pattern.codePoints().toArray();
    Parser parser = new Parser(p);
    return parser.parse() ? parser.build() : null;
  }

  /** Whether the whole of {@code path} matches. */
  boolean matches(String path) {
    return run(path.codePoints().toArray(), null);
  }

  /** Like {@link #matches}, and adds the number of automaton steps taken to {@code work[0]}. */
  boolean matches(String path, long[] work) {
    return run(path.codePoints().toArray(), work);
  }

  /**
   * Whether some path that starts with {@code /} could match: false for patterns such as {@code
   * *} or {@code v1/key/*}, which can never match a request path.
   */
  boolean canMatchAfterSlash() {
    boolean[] live = new boolean[kinds.length + 1];
    live[0] = true;
    close(live);
    boolean[] next = new boolean[kinds.length + 1];
    return step(live, next, SLASH, null);
  }

  /** Whether the pattern ends with a star, as {@code *}, {@code /v1/key/*} and {@code a*} do. */
  boolean endsWithStar() {
    return kinds.length > 0 && kinds[kinds.length - 1] == STAR;
  }

  private boolean run(int[] path, long[] work) {
    boolean[] live = new boolean[kinds.length + 1];
    boolean[] next = new boolean[kinds.length + 1];
    live[0] = true;
    close(live);
    for (int c : path) {
      if (!step(live, next, c, work)) {
        return false;
      }
      boolean[] t = live;
      live = next;
      next = t;
    }
    return live[kinds.length];
  }

  /** Advances every live position over {@code c} into {@code next}; false if none survives. */
  private boolean step(boolean[] live, boolean[] next, int c, long[] work) {
    Arrays.fill(next, false);
    boolean any = false;
    for (int i = 0; i < kinds.length; i++) {
      if (!live[i]) {
        continue;
      }
      if (work != null) {
        work[0]++;
      }
      switch (kinds[i]) {
        case STAR:
          if (c != SLASH) {
            next[i] = true;
            any = true;
          }
          break;
        case ANY:
          if (c != SLASH) {
            next[i + 1] = true;
            any = true;
          }
          break;
        case LITERAL:
          if (c == literals[i]) {
            next[i + 1] = true;
            any = true;
          }
          break;
        default:
          if (inClass(i, c)) {
            next[i + 1] = true;
            any = true;
          }
          break;
      }
    }
    if (any) {
      close(next);
    }
    return any;
  }

  /** A star may match nothing: a live star makes the position after it live too. */
  private void close(boolean[] live) {
    for (int i = 0; i < kinds.length; i++) {
      if (live[i] && kinds[i] == STAR) {
        live[i + 1] = true;
      }
    }
  }

  private boolean inClass(int element, int c) {
    int[] r = ranges[element];
    boolean in = false;
    for (int k = 0; k < r.length; k += 2) {
      if (r[k] <= c && c <= r[k + 1]) {
        in = true;
        break;
      }
    }
    // A class may match '/', unlike '*' and '?'
    // (docs/policies.md#the-allow-rule-globs-one-segment-at-a-time).
    return in != negated[element];
  }

  /** A one-pass parser of the pattern grammar; {@link #parse()} is false when malformed. */
  private static final class Parser {
    private final int[] p;
    private int pos;
    private final List<Byte> kinds = new ArrayList<>();
    private final List<Integer> literals = new ArrayList<>();
    private final List<int[]> ranges = new ArrayList<>();
    private final List<Boolean> negated = new ArrayList<>();

    Parser(int[] p) {
      this.p = p;
    }

    boolean parse() {
      while (pos < p.length) {
        int c = p[pos++];
        switch (c) {
          case '*':
            // Runs of stars mean the same as one star.
            if (kinds.isEmpty() || kinds.get(kinds.size() - 1) != STAR) {
              add(STAR, 0, null, false);
            }
            break;
          case '?':
            add(ANY, 0, null, false);
            break;
          case '\\':
            if (pos == p.length) {
              return false;
            }
            add(LITERAL, p[pos++], null, false);
            break;
          case '[':
            if (!parseClass()) {
              return false;
            }
            break;
          default:
            add(LITERAL, c, null, false);
            break;
        }
      }
      return true;
    }

    /** Parses a class after its {@code [}: {@code ^}? then one or more ranges, then {@code ]}. */
    private boolean parseClass() {
      boolean neg = pos < p.length && p[pos] == '^';
      if (neg) {
        pos++;
      }
      List<Integer> bounds = new ArrayList<>();
      while (true) {
        if (pos < p.length && p[pos] == ']' && !bounds.isEmpty()) {
          pos++;
          break;
        }
        int lo = bound();
        if (lo < 0) {
          return false;
        }
        int hi = lo;
        if (p[pos] == '-') {
          pos++;
          hi = bound();
          if (hi < 0) {
            return false;
          }
        }
        bounds.add(lo);
        bounds.add(hi);
      }
      add(CLASS, 0, bounds.stream().mapToInt(Integer::intValue).toArray(), neg);
      return true;
    }

    /**
     * Reads one range bound, which may be escaped with {@code \}; returns -1 when it is missing,
     * an unescaped {@code -} or {@code ]}, or when the pattern ends right after it (the class is
     * then unterminated).
     */
    private int bound() {
      if (pos == p.length || p[pos] == '-' || p[pos] == ']') {
        return -1;
      }
      if (p[pos] == '\\') {
        pos++;
        if (pos == p.length) {
          return -1;
        }
      }
      int c = p[pos++];
      return pos == p.length ? -1 : c;
    }

    private void add(byte kind, int literal, int[] range, boolean neg) {
      kinds.add(kind);
      literals.add(literal);
      ranges.add(range);
      negated.add(neg);
    }

    CompiledGlob build() {
      int n = kinds.size();
      byte[] k = new byte[n];
      int[] l = new int[n];
      boolean[] g = new boolean[n];
      for (int i = 0; i < n; i++) {
        k[i] = kinds.get(i);
        l[i] = literals.get(i);
        g[i] = negated.get(i);
      }
      return new CompiledGlob(k, l, ranges.toArray(new int[0][]), g);
    }
  }
}

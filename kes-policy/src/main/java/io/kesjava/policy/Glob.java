package io.kesjava.policy;

import java.util.Objects;

/**
 * The glob matcher of KES policy patterns: Go's {@code path.Match} rules, which kes-java uses for
 * every allow pattern; deny patterns match by this rule or by KES's prefix rule ({@link Policy}).
 * See docs/policies.md.
 *
 * <table>
 *   <caption>Pattern elements</caption>
 *   <tr><th>element</th><th>matches</th></tr>
 *   <tr><td>{@code *}</td><td>any run of characters, possibly empty, other than {@code /}</td></tr>
 *   <tr><td>{@code ?}</td><td>one character other than {@code /}</td></tr>
 *   <tr><td>{@code [...]}, {@code [^...]}</td><td>one character in (not in, with {@code ^}) the
 *       listed characters and {@code lo-hi} ranges; a bound may be escaped with {@code \}; a class
 *       <em>can</em> match {@code /}</td></tr>
 *   <tr><td>{@code \c}</td><td>the character {@code c}</td></tr>
 *   <tr><td>any other character</td><td>itself, case-sensitively</td></tr>
 * </table>
 *
 * <p>A pattern must match the whole path, so {@code /v1/key/*} matches {@code /v1/key/create} but
 * not {@code /v1/key/create/my-key}: every {@code *} stays inside one path segment. Characters are
 * Unicode code points; KES paths are ASCII, where this is exactly Go's byte-wise behaviour.
 *
 * <p>One deliberate difference from Go: Go places each piece of a pattern after a star at its
 * leftmost fit and never reconsiders. That is the same as trying every placement except when a
 * class after a star matches a {@code /}, such as {@code *[^a]*b} against {@code x/b}, where Go
 * answers no and this class answers yes, as the rules above say.
 *
 * <p>Matching takes time proportional to the pattern length times the path length, whatever the
 * pattern (no exponential backtracking).
 *
 * <p>Thread-safety: stateless; all methods are safe to call from any thread.
 */
public final class Glob {

  private Glob() {}

  /**
   * Whether {@code pattern} matches the whole of {@code path}.
   *
   * @param pattern a glob pattern; non-null. The empty pattern and malformed patterns (see {@link
   *     #isValid(String)}) match nothing.
   * @param path the request path, such as {@code /v1/key/create/my-key}; non-null
   * @return true if the pattern matches the path
   * @throws NullPointerException if an argument is null
   */
  public static boolean matches(String pattern, String path) {
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(path, "path");
    if (pattern.isEmpty()) {
      return false;
    }
    CompiledGlob glob = CompiledGlob.parse(pattern);
    return glob != null && glob.matches(path);
  }

  /**
   * Whether {@code pattern} is well-formed, that is whether Go's {@code path.Match} would accept it
   * without {@code ErrBadPattern}.
   *
   * <p>Malformed: a trailing lone {@code \}; an unterminated class ({@code [a}); an empty class
   * ({@code []}, {@code [^]}); a range bound that is missing or is an unescaped {@code -} or
   * {@code ]} ({@code [a-]}, {@code [-a]}). The empty pattern is well-formed, though it matches
   * nothing.
   *
   * @param pattern the pattern; non-null
   * @return true if well-formed
   * @throws NullPointerException if {@code pattern} is null
   */
  public static boolean isValid(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    return CompiledGlob.parse(pattern) != null;
  }
}

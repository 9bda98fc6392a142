package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The deny rule against a plain model (a deny pattern matches when the glob or the prefix rule
 * does; allow patterns by glob only), and {@link Policy#explain(String)} against {@link
 * Policy#allows(String)}.
 */
class DenyRuleProperties {

  private static final char[] CHARS = "/*?ab[]-".toCharArray();

  /** The prefix rule written out once more, from its definition. */
  private static boolean prefixModel(String pattern, String path) {
    if (pattern.isEmpty()) {
      return false;
    }
    int last = pattern.length() - 1;
    if (pattern.charAt(last) == '*') {
      return path.regionMatches(0, pattern, 0, last) && path.length() >= last;
    }
    return path.equals(pattern);
  }

  @Property(tries = 2000)
  void denyMatches_isGlobOrPrefix(
      @ForAll("patterns") String pattern, @ForAll("paths") String path) {
    boolean glob = Glob.matches(pattern, path);
    boolean expected = glob || prefixModel(pattern, path);
    assertThat(Policy.denyMatches(pattern, path)).isEqualTo(expected);
    // A deny pattern never denies less than the glob that allow patterns use.
    assertThat(!glob || Policy.denyMatches(pattern, path)).isTrue();
  }

  @Property(tries = 1000)
  void policy_isDenyFirstThenGlobAllow_andExplainAgrees(
      @ForAll @Size(max = 3) List<@net.jqwik.api.From("patterns") String> allow,
      @ForAll @Size(max = 3) List<@net.jqwik.api.From("patterns") String> deny,
      @ForAll("paths") String path) {
    Policy p = new Policy("p", allow, deny);
    boolean denied = deny.stream().anyMatch(d -> Glob.matches(d, path) || prefixModel(d, path));
    boolean allowed = !denied && allow.stream().anyMatch(a -> Glob.matches(a, path));
    assertThat(p.allows(path)).isEqualTo(allowed);
    Explanation e = p.explain(path);
    assertThat(e.decision()).isEqualTo(allowed ? Decision.ALLOW : Decision.DENY);
    if (!e.pattern().isEmpty()) {
      assertThat(allowed ? allow : deny).contains(e.pattern());
    }
  }

  @Provide
  Arbitrary<String> patterns() {
    return Arbitraries.strings().withChars(CHARS).ofMaxLength(8);
  }

  @Provide
  Arbitrary<String> paths() {
    return Arbitraries.strings().withChars("/ab*?[".toCharArray()).ofMaxLength(8)
        .map(s -> "/" + s);
  }
}

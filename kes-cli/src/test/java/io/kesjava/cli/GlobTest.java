package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** {@code kes migrate}'s pattern: Go's {@code filepath.Match} on whole key names. */
class GlobTest {

  private static boolean matches(String pattern, String name) {
    return Glob.compile(pattern).matches(name);
  }

  @Test
  void star_matchesAnyRunWithoutSlash() {
    assertThat(matches("*", "")).isTrue();
    assertThat(matches("*", "my-key")).isTrue();
    assertThat(matches("*", "a/b")).isFalse();
    assertThat(matches("my-*", "my-key")).isTrue();
    assertThat(matches("my-*", "my-")).isTrue();
    assertThat(matches("my-*", "your-key")).isFalse();
    assertThat(matches("*-key", "my-key")).isTrue();
    assertThat(matches("a*b*c", "a-b-b-c")).isTrue();
    assertThat(matches("a*b*c", "a-b-b-d")).isFalse();
    assertThat(matches("a*/c", "ab/c")).isTrue();
    assertThat(matches("a*c", "ab/c")).isFalse();
    assertThat(matches("**", "abc")).isTrue();
  }

  @Test
  void question_matchesOneCharacterButSlash() {
    assertThat(matches("key-?", "key-1")).isTrue();
    assertThat(matches("key-?", "key-12")).isFalse();
    assertThat(matches("key-?", "key-")).isFalse();
    assertThat(matches("a?b", "a/b")).isFalse();
    assertThat(matches("?", "é")).isTrue();
    assertThat(matches("?", "\uD83D\uDD11")).isTrue(); // one code point, two chars
  }

  @Test
  void classes_rangesNegationAndEscapes() {
    assertThat(matches("key-[0-9]", "key-7")).isTrue();
    assertThat(matches("key-[0-9]", "key-x")).isFalse();
    assertThat(matches("key-[^0-9]", "key-x")).isTrue();
    assertThat(matches("key-[^0-9]", "key-7")).isFalse();
    assertThat(matches("[abc]", "b")).isTrue();
    assertThat(matches("[a-cx-z]", "y")).isTrue();
    assertThat(matches("[a-cx-z]", "d")).isFalse();
    assertThat(matches("[\\]]", "]")).isTrue();
    assertThat(matches("[\\-]", "-")).isTrue();
    assertThat(matches("[^a]", "/")).isFalse();
    assertThat(matches("\\*", "*")).isTrue();
    assertThat(matches("\\*", "x")).isFalse();
    assertThat(matches("a\\?", "a?")).isTrue();
    assertThat(matches("[z-a]", "m")).isFalse(); // an empty range is valid and matches nothing
  }

  @Test
  void malformedPatterns_areRejected() {
    for (String bad : new String[] {"[", "[a", "[]", "[^]", "a\\", "[a-]", "[-a]", "[a-\\",
        "[\\", "[a--]", "x[]y"}) {
      assertThatThrownBy(() -> Glob.compile(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessage("syntax error in pattern");
    }
  }

  @Test
  void literalPrefix_endsAtTheFirstSpecialCharacter() {
    assertThat(Glob.compile("*").literalPrefix()).isEmpty();
    assertThat(Glob.compile("app-*").literalPrefix()).isEqualTo("app-");
    assertThat(Glob.compile("app-?x").literalPrefix()).isEqualTo("app-");
    assertThat(Glob.compile("a[bc]").literalPrefix()).isEqualTo("a");
    assertThat(Glob.compile("a\\*").literalPrefix()).isEqualTo("a");
    assertThat(Glob.compile("exact").literalPrefix()).isEqualTo("exact");
  }

  @Property
  void everyMatch_startsWithTheLiteralPrefix(@ForAll("names") String pattern,
      @ForAll("names") String name) {
    Glob glob;
    try {
      glob = Glob.compile(pattern);
    } catch (IllegalArgumentException e) {
      return;
    }
    if (glob.matches(name)) {
      assertThat(name).startsWith(glob.literalPrefix());
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings().withChars("abcXYZ019-_/*?[]\\^é").ofMaxLength(12);
  }

  /** Every character escaped: the pattern matches exactly the literal name. */
  private static String escape(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints().forEach(cp -> b.append('\\').appendCodePoint(cp));
    return b.toString();
  }

  @Property
  void anEscapedName_matchesExactlyItself(@ForAll("names") String name,
      @ForAll("names") String other) {
    Glob glob = Glob.compile(escape(name));
    assertThat(glob.matches(name)).isTrue();
    assertThat(glob.matches(other)).isEqualTo(other.equals(name));
  }

  @Property
  void star_matchesExactlyTheNamesWithoutSlash(@ForAll("names") String name) {
    assertThat(Glob.compile("*").matches(name)).isEqualTo(name.indexOf('/') < 0);
  }

  @Property
  void prefixStar_matchesTheNamesWithThatPrefixAndNoSlashAfter(@ForAll("names") String prefix,
      @ForAll("names") String rest) {
    String name = prefix + rest;
    assertThat(Glob.compile(escape(prefix) + "*").matches(name))
        .isEqualTo(rest.indexOf('/') < 0);
  }

  @Property
  void questionMarks_matchNamesOfThatManyCodePoints(@ForAll("names") String name) {
    int n = name.codePointCount(0, name.length());
    String pattern = "?".repeat(n);
    assertThat(Glob.compile(pattern).matches(name)).isEqualTo(name.indexOf('/') < 0);
    assertThat(Glob.compile(pattern + "?").matches(name)).isFalse();
  }

  @Property
  void compile_acceptsOrRejects_neverThrowsOtherwise(@ForAll("names") String pattern,
      @ForAll("names") String name) {
    Glob glob;
    try {
      glob = Glob.compile(pattern);
    } catch (IllegalArgumentException e) {
      assertThat(e).hasMessage(Glob.BAD_PATTERN);
      return;
    }
    glob.matches(name); // must not throw on any well-formed pattern
  }
}

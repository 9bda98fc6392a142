package io.kesjava.keystore.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The two pieces of text that reach SQL other than as parameters: the table name and the LIKE
 * pattern of a listing's prefix.
 */
class PostgresSqlProperties {

  @Property(tries = 300)
  void aValidTableName_isQuotedAsItIs(@ForAll("tableNames") String name) {
    TableName table = TableName.parse(name);

    String expected = "\"" + name.replace(".", "\".\"") + "\"";
    assertThat(table.quoted()).isEqualTo(expected);
    assertThat(table.text()).isEqualTo(name);
  }

  @Property(tries = 300)
  void aNameWithAnyOtherCharacter_isRefused(
      @ForAll("tableNames") String name,
      @ForAll("otherCharacters") char other,
      @ForAll("positions") int position) {
    int at = Math.min(position, name.length());
    String bad = name.substring(0, at) + other + name.substring(at);

    assertThatThrownBy(() -> TableName.parse(bad)).isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 300)
  void theLikePattern_matchesExactlyTheNamesWithThePrefix(
      @ForAll("likeText") String prefix, @ForAll("likeText") String name) {
    String pattern = PostgresKeyStore.likePrefix(prefix);

    assertThat(like(name, pattern, 0, 0)).isEqualTo(name.startsWith(prefix));
    assertThat(like(prefix + name, pattern, 0, 0)).isTrue();
  }

  /** PostgreSQL's LIKE with ESCAPE '\': % any run, _ any one character, \x the character x. */
  private static boolean like(String s, String p, int i, int j) {
    if (j == p.length()) {
      return i == s.length();
    }
    char c = p.charAt(j);
    if (c == '%') {
      for (int k = i; k <= s.length(); k++) {
        if (like(s, p, k, j + 1)) {
          return true;
        }
      }
      return false;
    }
    if (i == s.length()) {
      return false;
    }
    if (c == '_') {
      return like(s, p, i + 1, j + 1);
    }
    if (c == '\\') {
      return j + 1 < p.length() && s.charAt(i) == p.charAt(j + 1) && like(s, p, i + 1, j + 2);
    }
    return s.charAt(i) == c && like(s, p, i + 1, j + 1);
  }

  @Provide
  Arbitrary<String> tableNames() {
    Arbitrary<String> part =
        Arbitraries.strings()
            .withChars("abcxyz_019")
            .ofMinLength(0)
            .ofMaxLength(62)
            .flatMap(rest -> Arbitraries.of('a', 'k', 'z', '_').map(first -> first + rest));
    return Arbitraries.oneOf(part, part.list().ofSize(2).map(l -> l.get(0) + "." + l.get(1)));
  }

  @Provide
  Arbitrary<Character> otherCharacters() {
    return Arbitraries.of('"', '\'', ';', ' ', '-', 'A', 'Z', '(', '\\', '\n', 'é', '\0', '*', '$');
  }

  @Provide
  Arbitrary<Integer> positions() {
    return Arbitraries.integers().between(0, 130);
  }

  @Provide
  Arbitrary<String> likeText() {
    return Arbitraries.strings().withChars("a_%\\b").ofMaxLength(6);
  }
}

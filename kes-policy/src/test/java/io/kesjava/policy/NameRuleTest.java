package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class NameRuleTest {

  // The rules written a second way, as regular expressions, to check the hand-written scanner.
  private static final Pattern NAME =
      Pattern.compile("(?!_$)(?!-)[0-9A-Za-z_-]{1,80}(?<!-)");
  private static final Pattern PATTERN =
      Pattern.compile("|\\*|(?!_$)(?!-)[0-9A-Za-z_-]{1,80}(?<!-)|(?!-)[0-9A-Za-z_-]{1,79}\\*");

  @Property(tries = 2000)
  void names_followTheRule(
      @ForAll @StringLength(max = 82) @CharRange(from = 'a', to = 'c')
          @CharRange(from = 'Y', to = 'Z')
          @Chars({'-', '_', '*', '0', '9', '.', '/', 'é', ' '})
          String name) {
    assertThat(NameRule.isValidName(name)).isEqualTo(NAME.matcher(name).matches());
  }

  @Property(tries = 2000)
  void patterns_followTheRule(
      @ForAll @StringLength(max = 82) @CharRange(from = 'a', to = 'c')
          @Chars({'-', '_', '*', '0', '.', '/'})
          String pattern) {
    assertThat(NameRule.isValidPattern(pattern)).isEqualTo(PATTERN.matcher(pattern).matches());
  }

  @Test
  void edges() {
    assertThat(NameRule.isValidName(null)).isFalse();
    assertThat(NameRule.isValidPattern(null)).isFalse();
    assertThat(NameRule.isValidName("a".repeat(80))).isTrue();
    assertThat(NameRule.isValidName("a".repeat(81))).isFalse();
    assertThat(NameRule.isValidPattern("a".repeat(79) + "*")).isTrue();
    assertThat(NameRule.isValidPattern("a".repeat(80) + "*")).isFalse();
    assertThat(NameRule.isValidPattern("_*")).isTrue();
    assertThat(NameRule.isValidPattern("a-*")).isTrue();
    assertThat(NameRule.isValidPattern("a-")).isFalse();
    assertThat(NameRule.isValidPattern("-*")).isFalse();
  }

  @Test
  void messages_nameWhatIsRejected() {
    assertThat(NameRule.invalidName("policy name", "a b"))
        .isEqualTo("policy name 'a b' is empty, too long or contains invalid characters");
    assertThat(NameRule.invalidName("identity", ""))
        .isEqualTo("identity '' is empty, too long or contains invalid characters");
    assertThat(NameRule.invalidPattern("*a"))
        .isEqualTo("listing pattern '*a' is empty, too long or is invalid");
  }
}

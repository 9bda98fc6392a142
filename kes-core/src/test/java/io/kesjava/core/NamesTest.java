package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

// Skipped kinds: validate-name-v0.22 and validate-pattern-v0.22 describe the older generation's
// rules (no position rules, '*' anywhere); kes-java validates with the current rules.
class NamesTest {

  @TestFactory
  Stream<DynamicTest> validateNameVectors() {
    return Vectors.tests(
        "validate-name",
        v ->
            assertThat(Names.isValidName(v.get("name").asText()))
                .isEqualTo(v.get("expected").get("valid").asBoolean()));
  }

  @TestFactory
  Stream<DynamicTest> validatePatternVectors() {
    return Vectors.tests(
        "validate-pattern",
        v ->
            assertThat(Names.isValidPattern(v.get("pattern").asText()))
                .isEqualTo(v.get("expected").get("valid").asBoolean()));
  }

  @Test
  void names_followThePositionRules() {
    assertThat(Names.isValidName("_")).isFalse();
    assertThat(Names.isValidName("__")).isTrue();
    assertThat(Names.isValidName("-a")).isFalse();
    assertThat(Names.isValidName("a-")).isFalse();
    assertThat(Names.isValidName("a".repeat(80))).isTrue();
    assertThat(Names.isValidName("a".repeat(81))).isFalse();
    assertThat(Names.isValidName("héllo")).isFalse();
    assertThat(Names.isValidName("hel<lo")).isFalse();
  }

  @Test
  void patterns_allowOneTrailingStarOnly() {
    assertThat(Names.isValidPattern("*my")).isFalse();
    assertThat(Names.isValidPattern("my**")).isFalse();
    assertThat(Names.isValidPattern("-*")).isFalse();
    assertThat(Names.isValidPattern("my-*")).isTrue();
    assertThat(Names.prefixOf("my*")).isEqualTo("my");
    assertThat(Names.prefixOf("*")).isEmpty();
    assertThat(Names.prefixOf("")).isEmpty();
    assertThat(Names.prefixOf("my-key")).isEqualTo("my-key");
  }

  @Property(tries = 300)
  void everyValidName_isAValidPattern_andItsOwnPrefix(
      @ForAll @StringLength(min = 1, max = 79) @CharRange(from = 'a', to = 'z') @Chars({'-', '_', '0'})
          String name) {
    if (Names.isValidName(name)) {
      assertThat(Names.isValidPattern(name)).isTrue();
      assertThat(Names.isValidPattern(name + "*")).isTrue();
      assertThat(Names.prefixOf(name + "*")).isEqualTo(name);
    }
  }

  @Test
  void requireValid_returnsTheValue_orThrowsTheApiError() {
    assertThat(Names.requireValidName("key name", "my-key")).isEqualTo("my-key");
    assertThat(Names.requireValidPattern("my-*")).isEqualTo("my-*");
    assertThatThrownBy(() -> Names.requireValidName("key name", "my key"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("key name 'my key' is empty, too long or contains invalid characters");
    assertThatThrownBy(() -> Names.requireValidName("identity", ""))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("identity '' is empty, too long or contains invalid characters");
    assertThatThrownBy(() -> Names.requireValidPattern("*my"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("listing pattern '*my' is empty, too long or is invalid");
    assertThatThrownBy(() -> Names.requireValidName("key name", null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Names.requireValidPattern(null))
        .isInstanceOf(NullPointerException.class);
  }
}

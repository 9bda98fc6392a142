package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GlobTest {

  /** The "legacy glob" column of {@code docs/policies.md#examples}; pattern, path, expected. */
  @ParameterizedTest(name = "[{index}] ''{0}'' vs ''{1}'' -> {2}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "/v1/key/create/my-app*    | /v1/key/create/my-app    | true",
        "/v1/key/create/my-app*    | /v1/key/create/my-app-1  | true",
        "/v1/key/create/my-app*    | /v1/key/create/my-app/x  | false",
        "/v1/key/*                 | /v1/key/create/my-app    | false",
        "/v1/*                     | /v1/status               | true",
        "*                         | /v1/status               | false",
        "/v1/key/*/my-app          | /v1/key/create/my-app    | true",
        "/v1/key/*/my-app*         | /v1/key/decrypt/my-app-2 | true",
        "/v1/key/generate/app-?    | /v1/key/generate/app-1   | true",
        "/v1/key/generate/app-?    | /v1/key/generate/app-12  | false",
        "/v1/key/generate/app-[0-9] | /v1/key/generate/app-7  | true",
        "/v1/status                | /v1/status               | true",
        "/v1/status*               | /v1/status               | true",
        "/v1/key/create/           | /v1/key/create/x         | false",
        "/v1/key/list/*            | /v1/key/list/            | true",
        "/v1/key/list/*            | /v1/key/list/my*         | true",
        "/v1/key/create/\\*        | /v1/key/create/*         | true",
        "/v1/key/create/[a-        | /v1/key/create/x         | false",
        "\"\"                      | /v1/status               | false",
      })
  void matches_followsTheLegacyGlobColumnOfTheWorkedExamples(
      String pattern, String path, boolean expected) {
    assertThat(Glob.matches(pattern, path)).isEqualTo(expected);
  }

  @Test
  void starAndQuestionMark_neverMatchSlash() {
    assertThat(Glob.matches("/v1/*", "/v1/key/create")).isFalse();
    assertThat(Glob.matches("/v1?key", "/v1/key")).isFalse();
    assertThat(Glob.matches("/v1*key", "/v1/key")).isFalse();
    assertThat(Glob.matches("/v1/*/*/*", "/v1/key/create/my-key")).isTrue();
  }

  @Test
  void star_matchesTheEmptyRun() {
    assertThat(Glob.matches("/v1/key/list/*", "/v1/key/list/")).isTrue();
    assertThat(Glob.matches("a*b", "ab")).isTrue();
    assertThat(Glob.matches("a**b", "ab")).isTrue();
  }

  @Test
  void classes_matchOneCharacterIncludingSlash() {
    assertThat(Glob.matches("a[/]b", "a/b")).isTrue();
    assertThat(Glob.matches("a[^x]b", "a/b")).isTrue();
    assertThat(Glob.matches("[^a]", "a")).isFalse();
    assertThat(Glob.matches("[a-c]", "b")).isTrue();
    assertThat(Glob.matches("[a-c]", "d")).isFalse();
    assertThat(Glob.matches("[ac]", "c")).isTrue();
    assertThat(Glob.matches("[ac]", "ac")).isFalse();
    assertThat(Glob.matches("[c-a]", "b")).as("a reversed range is valid and empty").isFalse();
    assertThat(Glob.matches("[*]", "*")).isTrue();
    assertThat(Glob.matches("[*]", "x")).isFalse();
  }

  @Test
  void escapes_makeTheNextCharacterLiteral() {
    assertThat(Glob.matches("\\*", "*")).isTrue();
    assertThat(Glob.matches("\\*", "x")).isFalse();
    assertThat(Glob.matches("\\?", "?")).isTrue();
    assertThat(Glob.matches("\\[", "[")).isTrue();
    assertThat(Glob.matches("\\a", "a")).isTrue();
    assertThat(Glob.matches("[\\]]", "]")).isTrue();
    assertThat(Glob.matches("[\\-]", "-")).isTrue();
    assertThat(Glob.matches("[\\^a]", "^")).isTrue();
  }

  @Test
  void caretOutsideAClassAndClosingBracketAlone_areLiterals() {
    assertThat(Glob.matches("^a]", "^a]")).isTrue();
    assertThat(Glob.matches("a-b", "a-b")).isTrue();
  }

  @Test
  void matching_isCaseSensitive() {
    assertThat(Glob.matches("/v1/Status", "/v1/status")).isFalse();
  }

  @Test
  void emptyPattern_matchesNothing_butIsWellFormed() {
    assertThat(Glob.matches("", "")).isFalse();
    assertThat(Glob.matches("", "/")).isFalse();
    assertThat(Glob.isValid("")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"[", "[a", "[]", "[]a]", "[^]", "[^]a]", "[a-]", "[a-", "[-a]", "[a-b", "\\",
          "a\\", "[\\", "[a-\\", "ok/[z-]", "*[", "[a]]["})
  void malformedPatterns_areInvalid_andMatchNothing(String pattern) {
    assertThat(Glob.isValid(pattern)).isFalse();
    assertThat(Glob.matches(pattern, pattern)).isFalse();
    assertThat(Glob.matches(pattern, "a")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a", "*", "?", "[a]", "[^a]", "[a-b]", "[\\-]", "[\\]]", "[ab-c]", "a]", "^", "-",
        "\\\\", "\\*", "[*]", "/v1/identity/assign/*/a*"
      })
  void wellFormedPatterns_areValid(String pattern) {
    assertThat(Glob.isValid(pattern)).isTrue();
  }

  @Test
  void aClassAfterAStarMayMatchSlash_whereGoWouldStopAtTheLeftmostFit() {
    // The rules of docs/policies.md#the-allow-rule-globs-one-segment-at-a-time say yes: '*' takes
    // "x", '[^a]' takes "/", the second '*' takes nothing and 'b' takes "b". Go's path.Match says
    // no: it fixes '[^a]' on "x", the leftmost fit, and then no star may skip the '/'.
    assertThat(Glob.matches("*[^a]*b", "x/b")).isTrue();
  }

  @Test
  void pathologicalPattern_takesAtMostPatternTimesPathSteps() {
    String path = "a".repeat(20_000);
    String pattern = "*a*a*a*a*a*a*a*b";
    CompiledGlob glob = CompiledGlob.parse(pattern);
    long[] work = new long[1];

    assertThat(glob.matches(path, work)).isFalse();
    assertThat(work[0]).isLessThanOrEqualTo((long) (pattern.length() + 1) * (path.length() + 1));

    work[0] = 0;
    assertThat(glob.matches(path + "b", work)).isTrue();
    assertThat(work[0]).isLessThanOrEqualTo((long) (pattern.length() + 1) * (path.length() + 2));
  }

  @Test
  void nonAsciiCharacters_areMatchedAsWholeCodePoints() {
    assertThat(Glob.matches("?", "\u00e9")).isTrue();
    assertThat(Glob.matches("?", "\uD83D\uDD11")).as("one code point, two chars").isTrue();
    assertThat(Glob.matches("[\u00e0-\u00ff]", "\u00e9")).isTrue();
  }

  @Test
  void nullArguments_areRejected() {
    assertThatNullPointerException().isThrownBy(() -> Glob.matches(null, "/"));
    assertThatNullPointerException().isThrownBy(() -> Glob.matches("*", null));
    assertThatNullPointerException().isThrownBy(() -> Glob.isValid(null));
  }
}

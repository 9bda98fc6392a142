package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link PolicyTable#warnings()}: patterns that cannot do what they were most likely meant to. */
class PolicyTableWarningsTest {

  private static List<String> warningsFor(List<String> allow, List<String> deny) {
    return PolicyTable.builder()
        .admin("disabled")
        .policy(new Policy("p", allow, deny), List.of())
        .build()
        .warnings();
  }

  private static List<String> warningsFor(String allow) {
    return warningsFor(List.of(allow), List.of());
  }

  @Test
  void keyAreaStar_warnsThatItMatchesOnlyOneSegment() {
    assertThat(warningsFor("/v1/key/*"))
        .containsExactly(
            "policy 'p': allow pattern '/v1/key/*' matches only one path segment ('/v1/key/create'"
                + " but not '/v1/key/create/my-key'); write '/v1/key/*/*' to match every key"
                + " route");
  }

  @Test
  void versionStar_warnsAndSuggestsTheDeeperPatterns() {
    assertThat(warningsFor("/v1/*"))
        .containsExactly(
            "policy 'p': allow pattern '/v1/*' matches only one path segment ('/v1/ready' but not"
                + " '/v1/key/create/my-key'); add '/v1/*/*' and '/v1/*/*/*' to match the deeper"
                + " routes too");
  }

  @Test
  void loneStar_warnsThatItMatchesNoRequestPath() {
    assertThat(warningsFor("*"))
        .containsExactly(
            "policy 'p': allow pattern '*' matches no request path ('*' never matches '/', and"
                + " every path starts with '/'); write '/*', '/*/*', '/*/*/*' and '/*/*/*/*' to"
                + " match every route");
  }

  @Test
  void truncatedName_warns() {
    assertThat(warningsFor("/v1/ke*")).singleElement().asString().contains("matches only one");
    assertThat(warningsFor("/v1/identity/*"))
        .singleElement()
        .asString()
        .endsWith("write '/v1/identity/*/*' to match every identity route");
  }

  @Test
  void denyPattern_withATrailingStar_saysItAlsoMatchesAsAPrefix() {
    assertThat(warningsFor(List.of("/v1/key/create/*"), List.of("/v1/key/*")))
        .containsExactly(
            "policy 'p': deny pattern '/v1/key/*' also matches as a prefix: it denies every path"
                + " that starts with '/v1/key/', such as '/v1/key/create/my-key', not only the"
                + " paths its glob matches within one segment");
    assertThat(warningsFor(List.of(), List.of("*")))
        .containsExactly(
            "policy 'p': deny pattern '*' matches every path as a prefix: it denies every"
                + " request");
  }

  /** Deny patterns whose glob and prefix readings select the same routes say nothing. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/key/create/my-key*",
        "/v1/key/*/my-key-internal",
        "/v1/key/create/*",
        "/v1/key/*/*",
        "/v1/status*",
        "/v1/status",
        "/v1/log/*"
      })
  void denyPatternsThatMeanTheSameEitherWay_doNotWarn(String pattern) {
    assertThat(warningsFor(List.of(), List.of(pattern))).isEmpty();
  }

  @Test
  void samePatternInBothLists_warnsForEachSide() {
    assertThat(warningsFor(List.of("/v1/key/*"), List.of("/v1/key/*")))
        .hasSize(2)
        .satisfiesExactly(
            a -> assertThat(a).startsWith("policy 'p': allow pattern '/v1/key/*' matches only one"),
            d -> assertThat(d).startsWith("policy 'p': deny pattern '/v1/key/*' also matches"));
  }

  /** The patterns of KES's configuration documentation and of the vectors, which are fine. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/v1/key/create/my-key*",
        "/v1/key/create/my-key",
        "/v1/key/*/my-key-internal",
        "/v1/key/create/*",
        "/v1/key/list/*",
        "/v1/key/*/*",
        "/v1/log/*",
        "/v1/identity/self/*",
        "/v1/status",
        "/v1/status*",
        "/v1/policy/show/my-app",
        "/v1/identity/assign/my-app/*",
        "/version",
        "/v1/x*"
      })
  void patternsThatReachTheirRoutes_doNotWarn(String pattern) {
    assertThat(warningsFor(pattern)).isEmpty();
  }

  @Test
  void malformedAndEmptyPatterns_warnWhatTheyStillMatch() {
    assertThat(warningsFor(List.of("", "/v1/[a-"), List.of("", "/v1/key/create/[a-", "/v1/[*")))
        .containsExactly(
            "policy 'p': allow pattern '' is empty and matches nothing",
            "policy 'p': allow pattern '/v1/[a-' is malformed and matches nothing",
            "policy 'p': deny pattern '' is empty and matches nothing",
            "policy 'p': deny pattern '/v1/key/create/[a-' is malformed as a glob and matches"
                + " only by the prefix rule: the path '/v1/key/create/[a-' itself",
            "policy 'p': deny pattern '/v1/[*' is malformed as a glob and matches only by the"
                + " prefix rule: every path that starts with '/v1/['");
  }

  @Test
  void relativePattern_warnsThatItMatchesNoRequestPath() {
    assertThat(warningsFor(List.of("v1/key/*"), List.of("v1/key/*", "*x")))
        .containsExactly(
            "policy 'p': allow pattern 'v1/key/*' matches no request path (every path starts with"
                + " '/')",
            "policy 'p': deny pattern 'v1/key/*' matches no request path (every path starts with"
                + " '/')",
            "policy 'p': deny pattern '*x' matches no request path (every path starts with '/')");
  }

  @Test
  void eachPatternWarnsOnce_inPolicyOrder() {
    PolicyTable t =
        PolicyTable.builder()
            .admin("disabled")
            .policy(new Policy("z", List.of("/v1/*", "/v1/*"), List.of("/v1/*")), List.of())
            .policy(Policy.allowing("a", List.of("*")), List.of())
            .build();

    assertThat(t.warnings()).hasSize(3);
    assertThat(t.warnings().get(0)).startsWith("policy 'z': allow pattern '/v1/*'");
    assertThat(t.warnings().get(1)).startsWith("policy 'z': deny pattern '/v1/*'");
    assertThat(t.warnings().get(2)).startsWith("policy 'a'");
  }
}

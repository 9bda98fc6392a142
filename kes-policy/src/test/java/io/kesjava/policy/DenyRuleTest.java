package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.policy.Explanation.Reason;
import io.kesjava.policy.Explanation.Rule;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Deny patterns fail closed: they match by the segment glob or by KES's prefix rule, whichever
 * matches; allow patterns keep the glob. A config written for the Go KES (v0.23 and later) denies
 * at least what it denied there.
 */
class DenyRuleTest {

  static final List<String> KEY_ROUTES = List.of(
      "/v1/key/create/k", "/v1/key/import/k", "/v1/key/describe/k", "/v1/key/list/k",
      "/v1/key/delete/k", "/v1/key/generate/k", "/v1/key/encrypt/k", "/v1/key/decrypt/k",
      "/v1/key/hmac/k", "/v1/key/list/", "/v1/key/bulk/decrypt/k");

  /** The finding: `deny: [/v1/key/*]` denied nothing here; the Go KES denies every key route. */
  @Test
  void goKesDenyOfTheKeyArea_deniesEveryKeyRoute() {
    Policy p = new Policy("minio", List.of("/v1/key/*/*", "/v1/status", "/v1/key/bulk/decrypt/*"),
        List.of("/v1/key/*"));
    for (String path : KEY_ROUTES) {
      assertThat(p.allows(path)).as(path).isFalse();
    }
    assertThat(p.allows("/v1/status")).isTrue();
  }

  @Test
  void denyStar_deniesEverything_allowStar_allowsNothing() {
    assertThat(new Policy("p", List.of("/*", "/*/*", "/*/*/*", "/*/*/*/*"), List.of("*"))
        .allows("/v1/status")).isFalse();
    assertThat(Policy.allowing("p", List.of("*")).allows("/v1/status")).isFalse();
  }

  /**
   * The cases where the two rules differ: as an allow pattern the glob answer, as a deny pattern
   * the union of both answers. Columns: pattern, path, glob, prefix rule.
   */
  @ParameterizedTest
  @CsvSource({
    "/v1/key/create/my-app*, /v1/key/create/my-app, true, true",
    "/v1/key/create/my-app*, /v1/key/create/my-app/x, false, true",
    "/v1/key/*, /v1/key/create/my-app, false, true",
    "/v1/*, /v1/status, true, true",
    "*, /v1/status, false, true",
    "/v1/key/*/my-app, /v1/key/create/my-app, true, false",
    "/v1/key/*/my-app*, /v1/key/decrypt/my-app-2, true, false",
    "/v1/key/generate/app-?, /v1/key/generate/app-1, true, false",
    "/v1/key/generate/app-[0-9], /v1/key/generate/app-7, true, false",
    "/v1/status*, /v1/status, true, true",
    "/v1/key/create/, /v1/key/create/x, false, false",
    "/v1/key/list/*, /v1/key/list/, true, true",
    "/v1/key/create/\\*, /v1/key/create/*, true, false",
    "/v1/key/create/\\*, /v1/key/create/\\x, false, true",
    "/v1/key/create/[a-, /v1/key/create/[a-, false, true",
    "/v1/key/create/[a-, /v1/key/create/x, false, false",
  })
  void allowMatchesByGlob_denyByEither(String pattern, String path, boolean glob, boolean prefix) {
    assertThat(Glob.matches(pattern, path)).isEqualTo(glob);
    assertThat(PrefixRule.matches(pattern, path)).isEqualTo(prefix);
    assertThat(Policy.allowing("p", List.of(pattern)).allows(path)).isEqualTo(glob);
    assertThat(new Policy("p", List.of("/*", "/*/*", "/*/*/*", "/*/*/*/*"), List.of(pattern))
        .allows(path)).isEqualTo(!(glob || prefix));
    assertThat(Policy.denyMatches(pattern, path)).isEqualTo(glob || prefix);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "v1/key/*"})
  void denyPatternsThatCannotMatch_denyNothing(String pattern) {
    assertThat(new Policy("p", List.of("/v1/*/*/*"), List.of(pattern)).allows("/v1/key/create/k"))
        .isTrue();
  }

  @Test
  void explain_namesThePatternAndTheRule() {
    Policy p = new Policy("app", List.of("/v1/key/*", "/v1/key/create/*", "/v1/status"),
        List.of("/v1/key/create/secret*", "/v1/key/delete/*"));

    Explanation prefix = p.explain("/v1/key/create/secret/x");
    assertThat(prefix.decision()).isEqualTo(Decision.DENY);
    assertThat(prefix.reason()).isEqualTo(Reason.DENY_PATTERN);
    assertThat(prefix.pattern()).isEqualTo("/v1/key/create/secret*");
    assertThat(prefix.rule()).isEqualTo(Rule.PREFIX);
    assertThat(prefix.text()).isEqualTo("denied: deny pattern '/v1/key/create/secret*' of policy"
        + " 'app' matches '/v1/key/create/secret/x' as a prefix (a trailing '*' matches every path"
        + " that starts with '/v1/key/create/secret', slashes included); a matching deny pattern"
        + " wins over every allow pattern");

    Explanation both = p.explain("/v1/key/delete/k");
    assertThat(both.rule()).isEqualTo(Rule.GLOB_AND_PREFIX);
    assertThat(both.text()).contains("as a glob and as a prefix");

    Explanation allowed = p.explain("/v1/key/create/k");
    assertThat(allowed.decision()).isEqualTo(Decision.ALLOW);
    assertThat(allowed.pattern()).isEqualTo("/v1/key/create/*");
    assertThat(allowed.rule()).isEqualTo(Rule.GLOB);
    assertThat(allowed.text()).isEqualTo("allowed: allow pattern '/v1/key/create/*' of policy 'app'"
        + " matches '/v1/key/create/k' as a glob, and no deny pattern matches");

    Explanation none = p.explain("/v1/key/generate/k");
    assertThat(none.decision()).isEqualTo(Decision.DENY);
    assertThat(none.reason()).isEqualTo(Reason.NO_ALLOW_PATTERN);
    assertThat(none.rule()).isEqualTo(Rule.NONE);
    assertThat(none.text()).isEqualTo("denied: no allow pattern of policy 'app' matches"
        + " '/v1/key/generate/k'; allow pattern '/v1/key/*' would match it as a prefix, but allow"
        + " patterns match only as globs, where '*' stays within one path segment");

    assertThat(Policy.allowing("empty", List.of()).explain("/v1/status").text())
        .isEqualTo("denied: no allow pattern of policy 'empty' matches '/v1/status' (the policy"
            + " has no allow patterns)");
  }

  @Test
  void tableExplain_coversTheAdminAndIdentitiesWithoutAPolicy() {
    PolicyTable t = PolicyTable.builder().admin("admin")
        .policy(Policy.allowing("p", List.of("/v1/status")), List.of("app")).build();
    assertThat(t.explain("admin", "/v1/key/create/k").reason()).isEqualTo(Reason.ADMIN);
    assertThat(t.explain("admin", "/v1/key/create/k").decision()).isEqualTo(Decision.ALLOW);
    assertThat(t.explain("nobody", "/v1/status").reason()).isEqualTo(Reason.NO_POLICY);
    assertThat(t.explain("nobody", "/v1/status").text())
        .isEqualTo("denied: the identity has no policy");
    assertThat(t.explain("app", "/v1/status").decision()).isEqualTo(Decision.ALLOW);
  }
}

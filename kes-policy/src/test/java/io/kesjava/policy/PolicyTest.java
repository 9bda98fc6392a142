package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

  /** The first policy of KES's configuration documentation: exact names only. */
  @Test
  void exactPatterns_allowExactlyTheNamedRequests() {
    Policy p =
        Policy.allowing(
            "my-app",
            List.of("/v1/key/create/my-key", "/v1/key/generate/my-key", "/v1/key/decrypt/my-key"));

    assertThat(p.allows("/v1/key/create/my-key")).isTrue();
    assertThat(p.allows("/v1/key/generate/my-key")).isTrue();
    assertThat(p.allows("/v1/key/create/my-key2")).isFalse();
    assertThat(p.allows("/v1/key/delete/my-key")).isFalse();
    assertThat(p.allows("/v1/policy/write/my-policy")).isFalse();
    assertThat(p.allows("/v0/key/create/my-key")).isFalse();
  }

  /** The second policy of KES's configuration documentation: name prefixes and a deny. */
  @Test
  void namePrefixesWithADeny_allowTheFamilyButNotTheDeniedMember() {
    Policy p =
        new Policy(
            "my-app",
            List.of(
                "/v1/key/create/my-key*",
                "/v1/key/generate/my-key*",
                "/v1/key/decrypt/my-key*",
                "/v1/key/delete/my-key"),
            List.of("/v1/key/*/my-key-internal"));

    assertThat(p.allows("/v1/key/create/my-key2")).isTrue();
    assertThat(p.allows("/v1/key/delete/my-key")).isTrue();
    assertThat(p.allows("/v1/key/delete/my-key2")).isFalse();
    assertThat(p.allows("/v1/key/decrypt/my-key-internal")).isFalse();
    assertThat(p.allows("/v1/key/create/my-key-internal")).isFalse();
    assertThat(p.allows("/v1/key/create/my-key/sub")).isFalse();
  }

  /**
   * {@code docs/policies.md#examples}, the policy example with a deny list (kms-go policy tests).
   */
  @Test
  void deny_winsOverAMatchingAllow() {
    Policy p =
        new Policy(
            "p",
            List.of("/v1/key/create/my*", "/v1/key/create/your*"),
            List.of("/v1/key/create/my-key*"));

    assertThat(p.allows("/v1/key/create/my-key")).isFalse();
    assertThat(p.allows("/v1/key/create/my-key1")).isFalse();
    assertThat(p.allows("/v1/key/create/my-minio-key")).isTrue();
    assertThat(p.allows("/v1/key/create/your-minio-key")).isTrue();
  }

  @Test
  void deny_winsWhateverTheOrderOfPatterns() {
    Policy p = new Policy("p", List.of("/v1/status"), List.of("/v1/status"));

    assertThat(p.allows("/v1/status")).isFalse();
  }

  @Test
  void emptyPolicy_deniesEverything() {
    Policy p = new Policy("p", List.of(), List.of());

    assertThat(p.allows("/v1/status")).isFalse();
    assertThat(p.allows("")).isFalse();
  }

  @Test
  void denyOnly_deniesEverything() {
    Policy p = new Policy("p", List.of(), List.of("/v1/key/*/*"));

    assertThat(p.allows("/v1/status")).isFalse();
  }

  @Test
  void malformedAllowPattern_allowsNothing_andMalformedDeny_deniesOnlyByThePrefixRule() {
    assertThat(Policy.allowing("p", List.of("/v1/key/create/[a-")).allows("/v1/key/create/x"))
        .isFalse();
    assertThat(new Policy("p", List.of("/v1/*"), List.of("/v1/[")).allows("/v1/status")).isTrue();
    assertThat(new Policy("p", List.of("/v1/*/*"), List.of("/v1/[*")).allows("/v1/[a/b"))
        .isFalse();
  }

  @Test
  void patternLists_areCopied() {
    List<String> allow = new ArrayList<>(List.of("/v1/status"));
    Policy p = new Policy("p", allow, List.of());
    allow.clear();

    assertThat(p.allow()).containsExactly("/v1/status");
    assertThat(p.allows("/v1/status")).isTrue();
  }

  @Test
  void nulls_areRejected() {
    assertThatNullPointerException().isThrownBy(() -> new Policy(null, List.of(), List.of()));
    assertThatNullPointerException().isThrownBy(() -> new Policy("p", null, List.of()));
    assertThatNullPointerException().isThrownBy(() -> new Policy("p", List.of(), null));
    assertThatNullPointerException()
        .isThrownBy(() -> new Policy("p", Arrays.asList("/v1/status", null), List.of()));
    assertThatNullPointerException()
        .isThrownBy(() -> new Policy("p", List.of(), List.of()).allows(null));
  }
}

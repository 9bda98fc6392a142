package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTableTest {

  private static final String ADMIN =
      "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";
  private static final String APP =
      "da3cd5e3a1b4fd2e4a5bd4a3b0b5eae0a1a9f4f8e2f0b2d6c0e7c3a0b4c1d2e3";
  private static final String OPS =
      "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

  private static final Policy MY_APP =
      new Policy("my-app", List.of("/v1/key/create/my-app*"), List.of("/v1/key/create/my-app-x"));
  private static final Policy STATUS = Policy.allowing("status", List.of("/v1/status"));

  private static PolicyTable table() {
    return PolicyTable.builder()
        .admin(ADMIN)
        .policy(MY_APP, List.of(APP))
        .policy(STATUS, List.of(OPS))
        .build();
  }

  @Test
  void admin_isAllowedEverything_withoutAPolicy() {
    PolicyTable t = table();

    assertThat(t.verify(ADMIN, "/v1/key/delete/anything")).isEqualTo(Decision.ALLOW);
    assertThat(t.verify(ADMIN, "/not/a/route")).isEqualTo(Decision.ALLOW);
    assertThat(t.isAdmin(ADMIN)).isTrue();
    assertThat(t.isAdmin(APP)).isFalse();
    assertThat(t.policyOf(ADMIN)).isEmpty();
  }

  @Test
  void identityWithAPolicy_getsWhatItsPolicyAllows() {
    PolicyTable t = table();

    assertThat(t.verify(APP, "/v1/key/create/my-app-1")).isEqualTo(Decision.ALLOW);
    assertThat(t.verify(APP, "/v1/key/create/my-app-x")).isEqualTo(Decision.DENY);
    assertThat(t.verify(APP, "/v1/status")).isEqualTo(Decision.DENY);
    assertThat(t.verify(OPS, "/v1/status")).isEqualTo(Decision.ALLOW);
    assertThat(t.verify(OPS, "/v1/key/create/my-app-1")).isEqualTo(Decision.DENY);
  }

  @Test
  void unknownAndEmptyIdentities_areDenied() {
    PolicyTable t = table();

    assertThat(t.verify("ffff", "/v1/status")).isEqualTo(Decision.DENY);
    assertThat(t.verify("", "/v1/status")).isEqualTo(Decision.DENY);
  }

  @Test
  void placeholderAdmin_isListedButMatchesNoRealIdentity() {
    PolicyTable t = PolicyTable.builder().admin("disabled").policy(STATUS, List.of(OPS)).build();

    assertThat(t.admin()).isEqualTo("disabled");
    assertThat(t.identities()).containsExactly(OPS, "disabled");
    assertThat(t.verify(ADMIN, "/v1/status")).isEqualTo(Decision.DENY);
  }

  @Test
  void lookups_findPoliciesAndAssignments() {
    PolicyTable t = table();

    assertThat(t.policy("my-app")).contains(MY_APP);
    assertThat(t.policy("nope")).isEmpty();
    assertThat(t.policyOf(APP)).contains("my-app");
    assertThat(t.policyOf("ffff")).isEmpty();
    assertThat(t.identitiesOf("status")).containsExactly(OPS);
    assertThat(t.identitiesOf("nope")).isEmpty();
  }

  @Test
  void namesAndIdentities_areSortedByByteOrder_andIncludeTheAdmin() {
    PolicyTable t =
        PolicyTable.builder()
            .admin(ADMIN)
            .policy(Policy.allowing("b", List.of()), List.of("b-id"))
            .policy(Policy.allowing("_a", List.of()), List.of())
            .policy(Policy.allowing("B", List.of()), List.of("B-id", "a-id"))
            .build();

    assertThat(t.policyNames()).containsExactly("B", "_a", "b");
    assertThat(t.identities()).containsExactly(ADMIN, "B-id", "a-id", "b-id");
  }

  @Test
  void returnedSets_areUnmodifiable() {
    PolicyTable t = table();

    assertThatThrownBy(() -> t.policyNames().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.identities().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> t.warnings().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void identityInTwoPolicies_isRejected_namingTheLaterPolicy() {
    PolicyTable.Builder b =
        PolicyTable.builder()
            .admin(ADMIN)
            .policy(MY_APP, List.of(APP))
            .policy(STATUS, List.of(APP));

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage(
            "cannot assign policy 'status' to '" + APP + "': identity already has a policy");
  }

  @Test
  void identityListedTwiceForOnePolicy_isAccepted() {
    PolicyTable t = PolicyTable.builder().admin(ADMIN).policy(STATUS, List.of(OPS, OPS)).build();

    assertThat(t.identitiesOf("status")).containsExactly(OPS);
  }

  @Test
  void policyForTheAdmin_isRejected() {
    PolicyTable.Builder b = PolicyTable.builder().admin(ADMIN).policy(STATUS, List.of(OPS, ADMIN));

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("invalid policy 'status': identity '" + ADMIN + "' is already admin");
  }

  @Test
  void duplicatePolicyName_isRejected() {
    PolicyTable.Builder b =
        PolicyTable.builder()
            .admin(ADMIN)
            .policy(STATUS, List.of())
            .policy(Policy.allowing("status", List.of("/v1/ready")), List.of());

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("duplicate policy 'status'");
  }

  @Test
  void invalidPolicyName_isRejected() {
    PolicyTable.Builder b =
        PolicyTable.builder().admin(ADMIN).policy(Policy.allowing("my.app", List.of()), List.of());

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("policy name 'my.app' is empty, too long or contains invalid characters");
  }

  @Test
  void invalidIdentity_isRejected() {
    PolicyTable.Builder b = PolicyTable.builder().admin(ADMIN).policy(STATUS, List.of("-x"));

    assertThatIllegalArgumentException()
        .isThrownBy(b::build)
        .withMessage("identity '-x' is empty, too long or contains invalid characters");
  }

  @Test
  void missingOrEmptyAdmin_isRejected() {
    assertThatIllegalStateException()
        .isThrownBy(() -> PolicyTable.builder().build())
        .withMessage("invalid admin identity: no admin identity");
    assertThatIllegalArgumentException().isThrownBy(() -> PolicyTable.builder().admin(""));
  }

  @Test
  void toBuilder_derivesAnEqualTable_thatCanBeChanged() {
    PolicyTable t = table();

    PolicyTable same = t.toBuilder().build();
    PolicyTable more =
        t.toBuilder().policy(Policy.allowing("ready", List.of("/v1/ready")), List.of("r")).build();

    assertThat(same.identities()).isEqualTo(t.identities());
    assertThat(same.policyNames()).isEqualTo(t.policyNames());
    assertThat(more.verify("r", "/v1/ready")).isEqualTo(Decision.ALLOW);
    assertThat(t.verify("r", "/v1/ready")).isEqualTo(Decision.DENY);
  }

  @Test
  void nulls_areRejected() {
    PolicyTable t = table();

    assertThatNullPointerException().isThrownBy(() -> t.verify(null, "/v1/status"));
    assertThatNullPointerException().isThrownBy(() -> t.verify(APP, null));
    assertThatNullPointerException().isThrownBy(() -> t.isAdmin(null));
    assertThatNullPointerException().isThrownBy(() -> t.policy(null));
    assertThatNullPointerException().isThrownBy(() -> t.policyOf(null));
    assertThatNullPointerException().isThrownBy(() -> PolicyTable.builder().admin(null));
    assertThatNullPointerException()
        .isThrownBy(() -> PolicyTable.builder().policy(null, List.of()));
    assertThatNullPointerException().isThrownBy(() -> PolicyTable.builder().policy(STATUS, null));
  }
}

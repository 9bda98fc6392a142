package io.kesjava.core.contract;

import io.kesjava.core.Identity;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import java.util.List;

/**
 * The policies and identities that an implementation under {@link KesContractTest} must serve:
 * build the engine (or the server's engine) with {@link #table(Identity, Identity)}.
 */
public final class ContractPolicies {

  /** The policy of the suite's user identity. */
  public static final String USER_POLICY = "contract-user";

  /** A policy without patterns, assigned to {@link #IDLE_IDENTITY}. */
  public static final String IDLE_POLICY = "contract-idle";

  /** An identity that no certificate has, assigned to {@link #IDLE_POLICY}. */
  public static final Identity IDLE_IDENTITY = new Identity("0".repeat(64));

  /** What the user may do: keys whose names start with {@code user-}, reading, and status. */
  public static final List<String> USER_ALLOW = List.of(
      "/v1/key/create/user-*",
      "/v1/key/import/user-*",
      "/v1/key/describe/*",
      "/v1/key/list/*",
      "/v1/key/generate/user-*",
      "/v1/key/encrypt/user-*",
      "/v1/key/decrypt/user-*",
      "/v1/key/hmac/user-*",
      "/v1/status");

  /** What the user may not do, although an allow pattern matches: deny wins. */
  public static final List<String> USER_DENY = List.of("/v1/key/describe/user-secret*");

  private ContractPolicies() {}

  /** The table: {@code admin}, and {@code user} with {@link #USER_POLICY}. */
  public static PolicyTable table(Identity admin, Identity user) {
    return PolicyTable.builder()
        .admin(admin.value())
        .policy(new Policy(USER_POLICY, USER_ALLOW, USER_DENY), List.of(user.value()))
        .policy(new Policy(IDLE_POLICY, List.of(), List.of()), List.of(IDLE_IDENTITY.value()))
        .build();
  }
}

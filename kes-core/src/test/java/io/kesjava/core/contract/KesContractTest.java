package io.kesjava.core.contract;

import static io.kesjava.core.contract.ContractAssertions.assertFails;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.Identity;
import io.kesjava.core.IdentityInfo;
import io.kesjava.core.IdentityNotFoundException;
import io.kesjava.core.Kes;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.PolicyInfo;
import io.kesjava.core.PolicyNotFoundException;
import io.kesjava.core.PolicyRules;
import io.kesjava.core.SelfInfo;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link Kes}: what every implementation returns and throws for the same inputs.
 * {@code KesEngineContractTest} runs it in-process; kes-client's {@code KesClientContractTest} runs
 * it against a real server over TLS on loopback, so that the engine and the client cannot drift
 * apart ({@code docs/architecture.md}, "the one interface"). Exceptions are compared by class,
 * status and message, as KES clients compare them ({@code docs/http-api.md#errors}).
 *
 * <p>To run it, extend this class and fill in the hooks of {@link KeyContract}: the service as
 * the admin, as a user with {@link ContractPolicies#USER_POLICY} and as a stranger, all serving
 * {@link ContractPolicies#table(Identity, Identity)} over one in-memory key store that lives at
 * least as long as the test class (key names are unique per test).
 */
public abstract class KesContractTest extends KeyContract {

  // ---- policies ----

  @Test
  void describePolicy_givesNameStartTimeAndAdmin() {
    PolicyInfo p = kes().describePolicy(ContractPolicies.USER_POLICY);
    assertThat(p.name()).isEqualTo(ContractPolicies.USER_POLICY);
    assertThat(p.createdBy()).isEqualTo(adminIdentity().value());
    assertThat(p.createdAt()).isEqualTo(kes().describePolicy(ContractPolicies.IDLE_POLICY)
        .createdAt());
  }

  @Test
  void readPolicy_givesThePatterns() {
    PolicyRules r = kes().readPolicy(ContractPolicies.USER_POLICY);
    assertThat(r.name()).isEqualTo(ContractPolicies.USER_POLICY);
    assertThat(r.allow()).containsExactlyInAnyOrderElementsOf(ContractPolicies.USER_ALLOW);
    assertThat(r.deny()).containsExactlyInAnyOrderElementsOf(ContractPolicies.USER_DENY);
    assertThat(r.createdBy()).isEqualTo(adminIdentity().value());
    assertThat(r.createdAt()).isEqualTo(kes().describePolicy(ContractPolicies.USER_POLICY)
        .createdAt());
    PolicyRules idle = kes().readPolicy(ContractPolicies.IDLE_POLICY);
    assertThat(idle.allow()).isEmpty();
    assertThat(idle.deny()).isEmpty();
  }

  @Test
  void describeAndReadPolicy_ofAMissingPolicy_failWithPolicyNotFound() {
    assertFails(() -> kes().describePolicy("no-such-policy"), PolicyNotFoundException.class, 404,
        "policy does not exist");
    assertFails(() -> kes().readPolicy("no-such-policy"), PolicyNotFoundException.class, 404,
        "policy does not exist");
  }

  @Test
  void listPolicies_byPrefix_returnsTheNamesSorted() {
    List<String> both = List.of(ContractPolicies.IDLE_POLICY, ContractPolicies.USER_POLICY);
    assertThat(kes().listPolicies("").names()).isEqualTo(both);
    assertThat(kes().listPolicies("*").names()).isEqualTo(both);
    assertThat(kes().listPolicies("contract-*").names()).isEqualTo(both);
    assertThat(kes().listPolicies("contract-u*").names())
        .containsExactly(ContractPolicies.USER_POLICY);
    assertThat(kes().listPolicies("nothing").names()).isEmpty();
    assertThat(kes().listPolicies("").continueAt()).isEmpty();
  }

  // ---- identities ----

  @Test
  void describeIdentity_ofTheAdmin_saysAdmin() {
    IdentityInfo i = kes().describeIdentity(adminIdentity());
    assertThat(i.identity()).isEqualTo(adminIdentity());
    assertThat(i.admin()).isTrue();
    assertThat(i.policy()).isEmpty();
    assertThat(i.createdBy()).isEmpty();
    assertThat(i.createdAt()).isEqualTo(kes().describePolicy(ContractPolicies.USER_POLICY)
        .createdAt());
  }

  @Test
  void describeIdentity_ofAUser_givesItsPolicyAndTheAdmin() {
    IdentityInfo i = kes().describeIdentity(userIdentity());
    assertThat(i.identity()).isEqualTo(userIdentity());
    assertThat(i.admin()).isFalse();
    assertThat(i.policy()).isEqualTo(ContractPolicies.USER_POLICY);
    assertThat(i.createdBy()).isEqualTo(adminIdentity().value());
    assertThat(kes().describeIdentity(ContractPolicies.IDLE_IDENTITY).policy())
        .isEqualTo(ContractPolicies.IDLE_POLICY);
  }

  @Test
  void describeIdentity_ofAnUnknownIdentity_failsWithIdentityNotFound() {
    assertFails(() -> kes().describeIdentity(strangerIdentity()), IdentityNotFoundException.class,
        404, "identity does not exist");
  }

  @Test
  void describeSelf_ofTheAdmin_saysAdminWithoutRules() {
    SelfInfo self = kes().describeSelf();
    assertThat(self.info().identity()).isEqualTo(adminIdentity());
    assertThat(self.info().admin()).isTrue();
    assertThat(self.info().policy()).isEmpty();
    assertThat(self.rules()).isEmpty();
  }

  @Test
  void describeSelf_ofAUser_givesItsPolicyAndPatterns() {
    SelfInfo self = user().describeSelf();
    assertThat(self.info()).isEqualTo(kes().describeIdentity(userIdentity()));
    PolicyRules rules = self.rules().orElseThrow();
    assertThat(rules).isEqualTo(kes().readPolicy(ContractPolicies.USER_POLICY));
  }

  @Test
  void describeSelf_ofAStranger_givesItsIdentityWithoutPolicy() {
    // docs/migrating-from-go-kes.md: self describe answers every authenticated identity
    SelfInfo self = stranger().describeSelf();
    assertThat(self.info().identity()).isEqualTo(strangerIdentity());
    assertThat(self.info().admin()).isFalse();
    assertThat(self.info().policy()).isEmpty();
    assertThat(self.rules()).isEmpty();
  }

  @Test
  void listIdentities_givesTheAdminAndEveryAssignedIdentitySorted() {
    List<String> all = kes().listIdentities("").names();
    assertThat(all).containsExactlyInAnyOrder(adminIdentity().value(), userIdentity().value(),
        ContractPolicies.IDLE_IDENTITY.value()).isSorted();
    assertThat(kes().listIdentities("*").names()).isEqualTo(all);
    String admin = adminIdentity().value();
    assertThat(kes().listIdentities(admin.substring(0, 20) + "*").names()).contains(admin);
    assertThat(kes().listIdentities(admin).names()).containsExactly(admin);
    assertThat(kes().listIdentities("").continueAt()).isEmpty();
  }

  // ---- authorization: the engine's views and the server check the same policies ----

  @Test
  void aUser_mayDoWhatItsPolicyAllows() {
    String name = unique("user");
    user().createKey(name);
    byte[] ct = user().encrypt(name, bytes("mine"), NONE);
    try (SecretBytes pt = user().decrypt(name, ct, NONE)) {
      assertThat(pt.bytes()).isEqualTo(bytes("mine"));
    }
    KeyInfo info = user().describeKey(name);
    assertThat(info.createdBy()).isEqualTo(userIdentity().value());
    assertThat(user().listKeys(name).names()).containsExactly(name);
    assertThat(user().hmac(name, NONE)).hasSize(32);
    user().generateKey(name, NONE).close();
    assertThat(user().status().keystoreUnreachable()).isFalse();
  }

  @Test
  void aUser_isDeniedWhatItsPolicyDoesNotAllow() {
    String other = unique("other");
    kes().createKey(other);
    String user = unique("user");
    user().createKey(user);
    String denied = "not authorized: insufficient permissions";
    assertFails(() -> user().createKey(unique("other")), NotAllowedException.class, 403, denied);
    assertFails(() -> user().encrypt(other, NONE, NONE), NotAllowedException.class, 403, denied);
    assertFails(() -> user().deleteKey(user), NotAllowedException.class, 403, denied);
    assertFails(() -> user().importKey(unique("other"), KeyAlgorithm.AES256, new byte[32]),
        NotAllowedException.class, 403, denied);
    assertFails(() -> user().describePolicy(ContractPolicies.USER_POLICY),
        NotAllowedException.class, 403, denied);
    assertFails(() -> user().listIdentities(""), NotAllowedException.class, 403, denied);
    // Deny wins over allow, and is checked before the key is looked up.
    assertFails(() -> user().describeKey(unique("user-secret")), NotAllowedException.class, 403,
        denied);
  }

  @Test
  void aStranger_isDeniedEverythingButDescribingItself() {
    String denied = "not authorized: insufficient permissions";
    assertFails(() -> stranger().listKeys(""), NotAllowedException.class, 403, denied);
    assertFails(() -> stranger().createKey(unique("user")), NotAllowedException.class, 403,
        denied);
    assertFails(() -> stranger().status(), NotAllowedException.class, 403, denied);
    assertFails(() -> stranger().describeIdentity(strangerIdentity()), NotAllowedException.class,
        403, denied);
  }
}

package io.kesjava.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The example of {@code kes-policy/README.md}; keep the two in step. */
class ReadmeExampleTest {

  @Test
  void readmeExample_allowsTheAppItsKeysButNotTheInternalOne() {
    String adminIdentity = "disabled";
    String appIdentity = "da3cd5e3a1b4fd2e4a5bd4a3b0b5eae0a1a9f4f8e2f0b2d6c0e7c3a0b4c1d2e3";
    List<String> logged = new ArrayList<>();

    PolicyTable table =
        PolicyTable.builder()
            .admin(adminIdentity)
            .policy(
                new Policy(
                    "my-app",
                    List.of(
                        "/v1/key/create/my-key*",
                        "/v1/key/generate/my-key*",
                        "/v1/key/decrypt/my-key*"),
                    List.of("/v1/key/*/my-key-internal")),
                List.of(appIdentity))
            .build();
    table.warnings().forEach(logged::add);
    Decision d = table.verify(appIdentity, "/v1/key/create/my-key-2");

    assertThat(d).isEqualTo(Decision.ALLOW);
    assertThat(logged).isEmpty();
    assertThat(table.verify(appIdentity, "/v1/key/create/my-key-internal"))
        .isEqualTo(Decision.DENY);
  }
}

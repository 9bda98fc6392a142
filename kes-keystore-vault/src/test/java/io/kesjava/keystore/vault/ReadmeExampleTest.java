package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.testkit.MutableClock;
import io.kesjava.testkit.TestPki;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "In-process use" example, run against an HTTPS fake Vault with the real clock and
 * background thread. Only the endpoint and the CA file differ from the README.
 */
class ReadmeExampleTest {

  @TempDir Path dir;

  @Test
  void theReadmeExample_runs() throws Exception {
    TestPki.Issued ca = TestPki.ca("readme-ca");
    TestPki.Issued server = TestPki.issue("vault", TestPki.ecKeys(), ca);
    Path caFile = Files.writeString(dir.resolve("vault-ca.pem"), TestPki.pem(ca.certificate()));
    String roleId = "role-id";
    String secretId = "secret-id";
    byte[] value =
        "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAE=".getBytes(StandardCharsets.US_ASCII);
    MutableClock fakeClock = new MutableClock(); // only the fake's tokens use it; TTL 1 h
    try (FakeVault vault =
        FakeVault.startTls(fakeClock, TestPki.serverContext(server, ca), false)) {
      vault.kv("", "kv", 2).transit("", "transit");
      vault.appRole(
          "", "approle", roleId, secretId, Duration.ofHours(1), Duration.ofHours(2), true);
      String endpoint = vault.endpoint();

      // ---- as in README.md ----
      try (VaultKeyStore store =
          VaultKeyStore.builder()
              .endpoint(endpoint)
              .version(KvVersion.V2)
              .prefix("tenant-1")
              .login(AppRoleLogin.of(roleId, secretId))
              .transit("transit", "kes-wrap")
              .caCertificates(caFile)
              .build()) {
        store.create("my-key", value);
        byte[] read = store.get("my-key");
        // ---- end ----
        assertThat(read).isEqualTo(value);
        try (VaultKeyStore again = store.toBuilder().build()) {
          assertThat(again.get("my-key")).isEqualTo(value);
        }
      }
    }
  }
}

package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.vault.FakeVault;
import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.vault} ({@code docs/keystores/vault.md#configuration}) in the shape of KES's
 * Vault example config ({@code configs/vault.yml} in kes-keystore-vault's test resources): a K/V v2
 * engine in a namespace, keys under a prefix, AppRole login, and the fake's CA as {@code tls.ca};
 * against kes-keystore-vault's fake of Vault's HTTP API over HTTPS. The value is the field named
 * after the key in the secret at {@code kv/data/tenant-1/<name>} ({@code docs/keystores/vault.md}).
 */
class VaultE2eTest extends KeyStoreE2eTest {

  private static final String NAMESPACE = "ns1";
  private static final String ROLE_ID = "db02de05-fa39-4855-059b-67221c5c2f63";
  private static final String SECRET_ID = "6a174c20-f6de-a53c-74d2-6018fcceff64";

  private FakeVault vault;
  private final VendorHttp http = new VendorHttp(List.of(PKI.ca));

  @BeforeEach
  void startVault() throws Exception {
    vault =
        FakeVault.startTls(new MutableClock(), PKI.serverContext(), false)
            .kv(NAMESPACE, "kv", 2)
            .appRole(
                NAMESPACE,
                "approle",
                ROLE_ID,
                SECRET_ID,
                Duration.ofHours(1),
                Duration.ofHours(24),
                true);
  }

  @AfterEach
  void stopVault() {
    vault.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  vault:",
        "    endpoint:  " + vault.endpoint(),
        "    engine:    kv",
        "    version:   v2",
        "    namespace: " + NAMESPACE,
        "    prefix:    tenant-1",
        "    approle:",
        "      engine:  approle",
        "      id:      " + ROLE_ID,
        "      secret:  " + SECRET_ID,
        "    tls:",
        "      ca: " + caFile,
        "    status:",
        "      ping: 10s");
  }

  @Override
  String description() {
    return "Hashicorp Vault: " + vault.endpoint();
  }

  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    Response login =
        http.send(
            "PUT",
            vault.endpoint() + "/v1/auth/approle/login",
            "{\"role_id\":"
                + VendorHttp.quote(ROLE_ID)
                + ",\"secret_id\":"
                + VendorHttp.quote(SECRET_ID)
                + "}",
            "X-Vault-Namespace",
            NAMESPACE);
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    String token = login.json().path("auth").path("client_token").asText();
    Response read =
        http.send(
            "GET",
            vault.endpoint() + "/v1/kv/data/tenant-1/" + name + "?version=1",
            null,
            "X-Vault-Token",
            token,
            "X-Vault-Namespace",
            NAMESPACE);
    if (read.status() == 404) {
      return Optional.empty();
    }
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    return Optional.of(read.json().path("data").path("data").path(name).asText().getBytes(UTF_8));
  }
}

package io.kesjava.keystore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.keystore.tck.KesYaml;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code keystore.azure} sections of KES config files, read by the provider. Stores with a managed
 * identity or the default chain are built but never used: their token requests would leave the
 * machine.
 */
class AzureKeyVaultKeyStoreProviderTest {

  private static final String SECRET = "client-secret-do-not-print~0123456789";
  private static final AzureKeyVaultKeyStoreProvider PROVIDER = new AzureKeyVaultKeyStoreProvider();

  private static String kesTemplate() throws Exception {
    try (var in =
        AzureKeyVaultKeyStoreProviderTest.class.getResourceAsStream("/kes-server-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> readmeBlocks() throws Exception {
    return KesYaml.yamlBlocks(Files.readString(Path.of("README.md")));
  }

  private static KeyStoreConfig section(Map<String, Object> keyvault) {
    return KeyStoreConfig.of("keystore.azure", Map.of("keyvault", keyvault));
  }

  @Test
  void theProvider_isFoundByTheNameAzure() {
    assertThat(KeyStoreRegistry.load().provider("azure"))
        .isInstanceOf(AzureKeyVaultKeyStoreProvider.class);
  }

  @Test
  void readme_clientCredentials_parse() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(0), "azure"));

    assertThat(builder.vaultUrl()).isEqualTo("https://my-vault.vault.azure.net");
    assertThat(builder.tenantId()).isEqualTo("72f988bf-86f1-41af-91ab-2d7cd011db47");
    assertThat(builder.clientId()).isEqualTo("3b0a1c5e-9f0d-4e57-8d52-0b1d1a9e4c11");
    assertThat(builder.clientSecret()).isEqualTo("${AZURE_CLIENT_SECRET}");
    assertThat(builder.purgeOnDelete()).isFalse();
    assertThat(builder.credentialKind()).startsWith("client secret");
  }

  @Test
  void readme_managedIdentity_parses_andBuildsWithoutNetwork() throws Exception {
    KeyStoreConfig config = KesYaml.keystoreSection(readmeBlocks().get(1), "azure");
    var builder = PROVIDER.configure(config);

    assertThat(builder.managedIdentityClientId()).isEqualTo("5c1e0f6a-2b7d-4d8e-9a31-7f4b2c6d8e90");
    assertThat(builder.credentialKind())
        .isEqualTo("managed identity (client 5c1e0f6a-2b7d-4d8e-9a31-7f4b2c6d8e90)");
    try (KeyStore store = PROVIDER.create(config)) {
      assertThat(store.description()).isEqualTo("Azure KeyVault: https://my-vault.vault.azure.net");
    }
  }

  @Test
  void readme_defaultChain_withPurgeOnDelete_parses_andBuildsWithoutNetwork() throws Exception {
    KeyStoreConfig config = KesYaml.keystoreSection(readmeBlocks().get(2), "azure");
    var builder = PROVIDER.configure(config);

    assertThat(builder.credentialKind()).isEqualTo("default chain");
    assertThat(builder.purgeOnDelete()).isTrue();
    try (KeyStore store = KeyStoreRegistry.load().create("azure", config)) {
      assertThat(store.toString()).contains("delete=purge").contains("default chain");
    }
  }

  @Test
  void theKesTemplate_withItsEmptyValues_failsAsKesDoes_onTheEndpoint() throws Exception {
    KeyStoreConfig config = KesYaml.keystoreSection(kesTemplate(), "azure");

    assertThatThrownBy(() -> PROVIDER.configure(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.azure.keyvault.endpoint: invalid Azure keyvault keystore: no endpoint"
                + " specified");
  }

  @Test
  void theKesTemplate_withAnEndpoint_hasBothAuthenticationMethods_whichKesRefuses()
      throws Exception {
    String yaml =
        kesTemplate()
            .replace("      endpoint: \"\"         # The KeyVault endpoint",
                "      endpoint: https://my-vault.vault.azure.net #");

    assertThatThrownBy(
            () -> PROVIDER.configure(KesYaml.keystoreSection(yaml, "azure")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageEndingWith(
            "invalid Azure keyvault keystore: more than one authentication method specified");
  }

  @Test
  void missingCredentialFields_failWithKesMessages_withoutPrintingTheSecret() {
    var noTenant =
        section(Map.of("endpoint", "https://v.vault.azure.net",
            "credentials", Map.of("client_id", "c", "client_secret", SECRET)));
    assertThatThrownBy(() -> PROVIDER.create(noTenant))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.azure.keyvault.credentials.tenant_id: invalid Azure keyvault"
            + " keystore: no tenant ID specified")
        .hasMessageNotContaining(SECRET);

    var noSecret =
        section(Map.of("endpoint", "https://v.vault.azure.net",
            "credentials", Map.of("tenant_id", "t", "client_id", "c")));
    assertThatThrownBy(() -> PROVIDER.create(noSecret))
        .hasMessage("keystore.azure.keyvault.credentials.client_secret: invalid Azure keyvault"
            + " keystore: no client secret specified");

    var noClientId =
        section(Map.of("endpoint", "https://v.vault.azure.net",
            "managed_identity", Map.of("client_id", "")));
    assertThatThrownBy(() -> PROVIDER.create(noClientId))
        .hasMessage("keystore.azure.keyvault.managed_identity.client_id: invalid Azure keyvault"
            + " keystore: no client ID specified");
  }

  @Test
  void aPlainHttpEndpoint_orABadPurgeSetting_isAConfigError() {
    assertThatThrownBy(() -> PROVIDER.create(section(Map.of("endpoint", "http://v.vault.azure.net"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("https URL");
    assertThatThrownBy(
            () -> PROVIDER.create(section(Map.of(
                "endpoint", "https://v.vault.azure.net", "purge_on_delete", "sometimes"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.azure.keyvault.purge_on_delete: ");
  }

  @Test
  void aConfiguredStore_servesKeys_throughTheFake() throws Exception {
    try (FakeKeyVault fake = new FakeKeyVault()) {
      var builder =
          PROVIDER.configure(
              section(Map.of("endpoint", fake.vaultUrl(), "purge_on_delete", "on")));

      // Entra ID cannot be reached here: the fake's token stands in for the default chain's.
      try (KeyStore store =
          builder
              .credential(new TestVaults.FakeCredential())
              .httpClient(TestVaults.trustingHttpClient())
              .build()) {
        store.create("my-key", "value".getBytes(StandardCharsets.UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
        store.delete("my-key");
        assertThat(fake.isSoftDeleted("my-key")).isFalse();
      }
    }
  }

  @Test
  void theClientSecret_neverAppears_evenWhenItsTokenRequestFails() throws Exception {
    try (FakeKeyVault fake = new FakeKeyVault()) {
      var builder =
          PROVIDER.configure(
              section(Map.of(
                  "endpoint", fake.vaultUrl(),
                  "credentials",
                      Map.of("tenant_id", FakeKeyVault.TENANT,
                          "client_id", "3b0a1c5e-9f0d-4e57-8d52-0b1d1a9e4c11",
                          "client_secret", SECRET))));
      try (var store = builder.httpClient(TestVaults.trustingHttpClient()).maxRetries(0).build()) {
        // The token request goes to Entra ID, whose name does not resolve in the test JVM.
        Throwable thrown = catchThrowable(() -> store.get("my-key"));

        assertThat(thrown)
            .isInstanceOf(KeyStoreUnreachableException.class)
            .hasMessageStartingWith(
                "azure: failed to read 'my-key': the Azure token service (Microsoft Entra ID or"
                    + " managed identity) is not reachable");
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).doesNotContain(SECRET);
        assertThat(store.toString()).doesNotContain(SECRET);
        assertThat(builder.toString()).doesNotContain(SECRET);
        assertThat(fake.requests()).isEmpty();
      }
    }
  }
}

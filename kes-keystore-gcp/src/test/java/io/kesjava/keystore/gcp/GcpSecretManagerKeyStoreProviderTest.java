package io.kesjava.keystore.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.keystore.tck.KesYaml;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code keystore.gcp} sections of KES config files, read by the provider. No test builds a store
 * with application-default credentials: looking them up may ask the GCE metadata server.
 */
class GcpSecretManagerKeyStoreProviderTest {

  private static final GcpSecretManagerKeyStoreProvider PROVIDER =
      new GcpSecretManagerKeyStoreProvider();

  /** KES's config template, as copied to {@code kes-server-config.yaml} in the test resources. */
  private static String kesTemplate() throws Exception {
    try (var in =
        GcpSecretManagerKeyStoreProviderTest.class.getResourceAsStream("/kes-server-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> readmeBlocks() throws Exception {
    return KesYaml.yamlBlocks(Files.readString(Path.of("README.md")));
  }

  private static KeyStoreConfig section(Map<String, Object> secretmanager) {
    return KeyStoreConfig.of("keystore.gcp", Map.of("secretmanager", secretmanager));
  }

  @Test
  void theProvider_isFoundByTheNameGcp() {
    assertThat(KeyStoreRegistry.load().provider("gcp"))
        .isInstanceOf(GcpSecretManagerKeyStoreProvider.class);
  }

  @Test
  void readme_serviceAccount_parses() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(0), "gcp"));

    assertThat(builder.projectId()).isEqualTo("my-project");
    assertThat(builder.target()).isEqualTo("secretmanager.googleapis.com:443");
    assertThat(builder.scopes()).isEmpty();
    assertThat(builder.credentialKind())
        .isEqualTo("service account kes-server@my-project.iam.gserviceaccount.com");
  }

  @Test
  void readme_applicationDefault_parses() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(1), "gcp"));

    assertThat(builder.target()).isEqualTo("secretmanager.googleapis.com:443");
    assertThat(builder.scopes()).containsExactly("https://www.googleapis.com/auth/cloud-platform");
    assertThat(builder.credentialKind()).isEqualTo("application default");
  }

  @Test
  void theKesTemplate_withItsEmptyValues_failsAsKesDoes_onTheProjectId() throws Exception {
    KeyStoreConfig config = KesYaml.keystoreSection(kesTemplate(), "gcp");

    assertThatThrownBy(() -> PROVIDER.configure(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.gcp.secretmanager.project_id: invalid GCP secretmanager keystore: no project"
                + " ID specified");
  }

  @Test
  void theKesTemplate_withAProjectId_usesApplicationDefaultCredentials_andDefaultScopes()
      throws Exception {
    String yaml = kesTemplate().replace("      project_id: \"\"", "      project_id: my-project");

    var builder = PROVIDER.configure(KesYaml.keystoreSection(yaml, "gcp"));

    assertThat(builder.projectId()).isEqualTo("my-project");
    // The template's `scopes: [""]` means "no scopes given".
    assertThat(builder.scopes()).isEmpty();
    assertThat(builder.credentialKind()).isEqualTo("application default");
  }

  @Test
  void someCredentialFieldsWithoutTheOthers_failWithKesMessages_inKesOrder() {
    Map<String, Object> credentials = new LinkedHashMap<>();
    credentials.put("private_key", "-----BEGIN PRIVATE KEY-----\\nSECRETSECRET");
    var config = section(Map.of("project_id", "p", "credentials", credentials));

    assertThatThrownBy(() -> PROVIDER.create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.gcp.secretmanager.credentials.client_email: gcp: no client email"
            + " provided");

    credentials.put("client_email", "e@p.iam.gserviceaccount.com");
    credentials.put("client_id", "1");
    assertThatThrownBy(() -> PROVIDER.create(section(
            Map.of("project_id", "p", "credentials", credentials))))
        .hasMessage("keystore.gcp.secretmanager.credentials.private_key_id: gcp: no client"
            + " private key ID provided")
        .hasMessageNotContaining("SECRETSECRET");
  }

  @Test
  void anUnreadablePrivateKey_isAConfigError_thatDoesNotQuoteIt() {
    var config =
        section(
            Map.of(
                "project_id", "p",
                "credentials",
                    Map.of(
                        "client_email", "e@p.iam.gserviceaccount.com",
                        "client_id", "1",
                        "private_key_id", "k",
                        "private_key", "-----BEGIN PRIVATE KEY-----\\nSECRETSECRET\\n")));

    assertThatThrownBy(() -> PROVIDER.create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.gcp.secretmanager.credentials.private_key: ")
        .hasMessageNotContaining("SECRETSECRET");
  }

  @Test
  void aConfiguredStore_servesKeys_throughTheFake_overPlaintext() throws Exception {
    try (FakeSecretManager fake = new FakeSecretManager()) {
      var builder =
          PROVIDER.configure(
              section(Map.of("project_id", FakeSecretManager.PROJECT_ID,
                  "endpoint", fake.endpoint())));

      // TLS and Google credentials cannot be exercised here; the rest of the path can.
      try (var store =
          builder.insecurePlaintext().backoff(Duration.ofMillis(1), Duration.ofMillis(5)).build()) {
        assertThat(store.status().isNegative()).isFalse();
        store.create("my-key", "value".getBytes(StandardCharsets.UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
      }
    }
  }
}

package io.kesjava.keystore.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.tck.KesYaml;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code keystore.aws} sections of KES config files, read by the provider. */
class AwsSecretsManagerKeyStoreProviderTest {

  private static final AwsSecretsManagerKeyStoreProvider PROVIDER =
      new AwsSecretsManagerKeyStoreProvider();

  /** KES's config template, as copied to {@code kes-server-config.yaml} in the test resources. */
  private static String kesTemplate() throws Exception {
    try (var in =
        AwsSecretsManagerKeyStoreProviderTest.class.getResourceAsStream("/kes-server-config.yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static List<String> readmeBlocks() throws Exception {
    return KesYaml.yamlBlocks(Files.readString(Path.of("README.md")));
  }

  @Test
  void theProvider_isFoundByTheNameAws() {
    assertThat(KeyStoreRegistry.load().provider("aws"))
        .isInstanceOf(AwsSecretsManagerKeyStoreProvider.class);
  }

  @Test
  void theBuildersToString_namesTheSettings_andTheKindOfCredentialsOnly() {
    var builder =
        AwsSecretsManagerKeyStore.builder()
            .endpoint("secretsmanager.us-east-2.amazonaws.com")
            .region("us-east-2")
            .staticCredentials("AKIAEXAMPLE", "wJalrXUtnFEMI", "");

    assertThat(builder)
        .hasToString(
            "AwsSecretsManagerKeyStore.Builder[endpoint=secretsmanager.us-east-2.amazonaws.com,"
                + " region=us-east-2, kmsKey=, credentials=static, maxAttempts=3]");
  }

  @Test
  void readme_staticCredentials_parse() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(0), "aws"));

    assertThat(builder.endpointUri().toString())
        .isEqualTo("https://secretsmanager.us-east-2.amazonaws.com");
    assertThat(builder.region()).isEqualTo("us-east-2");
    assertThat(builder.kmsKey()).isEqualTo("alias/kes");
    assertThat(builder.accessKey()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
    assertThat(builder.secretKey()).isEqualTo("${AWS_SECRET_KEY}");
    assertThat(builder.sessionToken()).isEmpty();
    assertThat(builder.credentialKind()).isEqualTo("static");
  }

  @Test
  void readme_sessionToken_parses() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(1), "aws"));

    assertThat(builder.endpointUri().toString())
        .isEqualTo("https://secretsmanager.eu-west-1.amazonaws.com");
    assertThat(builder.sessionToken()).isEqualTo("${AWS_SESSION_TOKEN}");
    assertThat(builder.credentialKind()).isEqualTo("static+token");
    assertThat(builder.kmsKey()).isEmpty();
  }

  @Test
  void readme_defaultChain_parses() throws Exception {
    var builder =
        PROVIDER.configure(
            KesYaml.keystoreSection(readmeBlocks().get(2), "aws"));

    assertThat(builder.credentialKind()).isEqualTo("default chain");
  }

  @Test
  void theKesTemplate_withItsEmptyValues_failsAsKesDoes_onTheEndpoint() throws Exception {
    String template =
        kesTemplate();
    KeyStoreConfig section = KesYaml.keystoreSection(template, "aws");

    assertThatThrownBy(() -> PROVIDER.configure(section))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.aws.secretsmanager.endpoint: invalid AWS secretsmanager keystore: no"
                + " endpoint specified")
        .extracting(e -> ((InvalidConfigException) e).key())
        .isEqualTo("keystore.aws.secretsmanager.endpoint");
  }

  @Test
  void theKesTemplate_withEndpointAndRegion_usesTheDefaultChain() throws Exception {
    String template =
        kesTemplate()
            .replace("endpoint: \"\"   # The AWS SecretsManager endpoint",
                "endpoint: secretsmanager.us-east-2.amazonaws.com #")
            .replace("region: \"\"     # The AWS region", "region: us-east-2 #");

    var builder =
        PROVIDER.configure(KesYaml.keystoreSection(template, "aws"));

    assertThat(builder.region()).isEqualTo("us-east-2");
    assertThat(builder.credentialKind()).isEqualTo("default chain");
  }

  @Test
  void missingRegion_andMissingSection_areConfigErrors() {
    var noRegion =
        KeyStoreConfig.of("keystore.aws", Map.of("secretsmanager", Map.of("endpoint", "e")));
    assertThatThrownBy(() -> PROVIDER.create(noRegion))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.aws.secretsmanager.region: invalid AWS secretsmanager keystore: no region"
                + " specified");

    assertThatThrownBy(() -> PROVIDER.create(KeyStoreConfig.of("keystore.aws", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.aws.secretsmanager: ");
  }

  @Test
  void aTokenWithoutKeys_isAConfigError_thatDoesNotPrintTheToken() {
    var config =
        KeyStoreConfig.of(
            "keystore.aws",
            Map.of(
                "secretsmanager",
                Map.of(
                    "endpoint", "e",
                    "region", "r",
                    "credentials", Map.of("token", "session-token-do-not-print"))));

    assertThatThrownBy(() -> PROVIDER.create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.aws.secretsmanager.credentials.accesskey: ")
        .hasMessageNotContaining("session-token-do-not-print");
  }

  @Test
  void create_connectsAndServesKeys_throughTheFake() throws Exception {
    try (FakeSecretsManager fake = new FakeSecretsManager()) {
      var config =
          KeyStoreConfig.of(
              "keystore.aws",
              Map.of(
                  "secretsmanager",
                  Map.of(
                      "endpoint", fake.endpoint().toString(),
                      "region", "us-east-2",
                      "credentials", Map.of("accesskey", "AKID", "secretkey", "SECRET"))));

      try (KeyStore store = KeyStoreRegistry.load().create("aws", config)) {
        store.create("my-key", "value".getBytes(StandardCharsets.UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void create_failsAtStart_whenTheEndpointDoesNotAnswer() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    var config =
        KeyStoreConfig.of(
            "keystore.aws",
            Map.of(
                "secretsmanager",
                Map.of("endpoint", "http://127.0.0.1:" + port, "region", "us-east-2")));

    assertThatThrownBy(() -> PROVIDER.create(config))
        .isInstanceOf(KeyStoreUnreachableException.class);
  }
}

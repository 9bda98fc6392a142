package io.kesjava.keystore.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** AWS-specific behaviour of {@link AwsSecretsManagerKeyStore} on the wire, against the fake. */
class AwsSecretsManagerKeyStoreTest {

  static final String ACCESS_KEY = "AKIATESTACCESSKEY123";
  static final String SECRET_KEY = "tEsTsEcReTkEy/doNotPrint+0123456789abcdef";
  static final String TOKEN = "FwoGZXIvYXdzEBYaDSessionTokenDoNotPrint";

  private FakeSecretsManager fake;
  private AwsSecretsManagerKeyStore store;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeSecretsManager();
    store = storeFor(fake.endpoint().toString()).build();
  }

  @AfterEach
  void stop() {
    store.close();
    fake.close();
  }

  static AwsSecretsManagerKeyStore.Builder storeFor(String endpoint) {
    return AwsSecretsManagerKeyStore.builder()
        .endpoint(endpoint)
        .region("eu-west-3")
        .staticCredentials(ACCESS_KEY, SECRET_KEY, TOKEN)
        .maxAttempts(3)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .timeout(Duration.ofSeconds(2));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void create_sendsNameAndValueAsSecretString_withoutKmsKeyByDefault() {
    store.create("my-key", bytes("CiQKIMiH"));

    JsonNode body = fake.bodies().get(0);
    assertThat(fake.calls()).containsExactly("CreateSecret");
    assertThat(body.get("Name").asText()).isEqualTo("my-key");
    assertThat(body.get("SecretString").asText()).isEqualTo("CiQKIMiH");
    assertThat(body.has("KmsKeyId")).isFalse();
    assertThat(body.has("SecretBinary")).isFalse();
  }

  @Test
  void create_withAKmsKey_sendsIt() {
    try (var withKms = storeFor(fake.endpoint().toString()).kmsKey("alias/kes").build()) {
      withKms.create("my-key", bytes("v"));
    }

    assertThat(fake.kmsKeyOf("my-key")).isEqualTo("alias/kes");
  }

  @Test
  void requests_areSignedWithTheStaticAccessKey_forTheRegionAndService() {
    store.create("my-key", bytes("v"));

    assertThat(fake.authorizations().get(0))
        .contains("Credential=" + ACCESS_KEY + "/")
        .contains("/eu-west-3/secretsmanager/aws4_request");
  }

  @Test
  void aValueThatIsNotUtf8_isStoredAsSecretBinary_andReadBack() {
    byte[] value = {(byte) 0xff, 0, (byte) 0xc3, 0x28};

    store.create("binary", value);

    assertThat(fake.hasBinary("binary")).isTrue();
    assertThat(store.get("binary")).isEqualTo(value);
  }

  @Test
  void delete_forcesDeletionWithoutRecovery() {
    store.create("my-key", bytes("v"));

    store.delete("my-key");

    JsonNode body = fake.bodies().get(1);
    assertThat(body.get("SecretId").asText()).isEqualTo("my-key");
    assertThat(body.get("ForceDeleteWithoutRecovery").asBoolean()).isTrue();
  }

  @Test
  void create_rightAfterDelete_retriesWhileAwsIsStillDeleting() {
    fake.forceDeleteLag(2);
    store.create("my-key", bytes("old"));
    store.delete("my-key");

    store.create("my-key", bytes("new"));

    assertThat(fake.calls()).containsExactly(
        "CreateSecret", "DeleteSecret", "CreateSecret", "CreateSecret", "CreateSecret");
    assertThat(store.get("my-key")).isEqualTo(bytes("new"));
  }

  @Test
  void create_overASecretInItsRecoveryWindow_failsWithAClearMessage() {
    store.create("my-key", bytes("old"));
    fake.scheduleDeletion("my-key");

    assertThatThrownBy(() -> store.create("my-key", bytes("new")))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("aws: failed to create 'my-key'")
        .hasMessageContaining("scheduled for deletion")
        .hasMessageContaining("restore it");
  }

  @Test
  void get_ofASecretInItsRecoveryWindow_isNotFound() {
    store.create("my-key", bytes("old"));
    fake.scheduleDeletion("my-key");

    assertThatThrownBy(() -> store.get("my-key")).isInstanceOf(EntryNotFoundException.class);
    assertThat(store.list("", "", 0).names()).isEmpty();
  }

  @Test
  void create_ofAnExistingName_mapsResourceExistsException() {
    store.create("my-key", bytes("v"));

    assertThatThrownBy(() -> store.create("my-key", bytes("w")))
        .isInstanceOf(EntryExistsException.class)
        .hasMessage("aws: key 'my-key' already exists");
  }

  @Test
  void throttling_isRetriedWithBackoff_untilItPasses() {
    fake.throttle(2);

    store.create("my-key", bytes("v"));

    assertThat(fake.calls()).containsExactly("CreateSecret", "CreateSecret", "CreateSecret");
    assertThat(store.get("my-key")).isEqualTo(bytes("v"));
  }

  @Test
  void throttling_thatOutlastsTheRetries_isAKeyStoreFailure_notUnreachable() {
    fake.throttle(10);

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown)
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("aws: failed to read 'my-key'")
        .hasMessageContaining("throttled")
        .hasMessageContaining("ThrottlingException");
    assertThat(fake.calls()).hasSize(3);
  }

  @Test
  void aServerError_isRetried() {
    fake.failNext(500, "InternalServiceError", "An error occurred on the server side.");

    store.create("my-key", bytes("v"));

    assertThat(store.get("my-key")).isEqualTo(bytes("v"));
  }

  @Test
  void decryptionFailure_saysTheKeyCannotBeAccessed() {
    store.create("my-key", bytes("v"));
    fake.failNext(400, "DecryptionFailure", "Secrets Manager can't decrypt the protected secret.");

    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith("aws: cannot access 'my-key': DecryptionFailure (HTTP 400)");
  }

  @Test
  void list_followsNextToken_overEveryPage_andIncludesSecretsOfOtherApplications() {
    fake.pageSize(2);
    for (String name : List.of("k5", "k1", "k4", "k2", "k3", "k0")) {
      store.create(name, bytes(name));
    }
    fake.put("other-app/db-password", "hunter2");
    int before = fake.calls().size();

    var listing = store.list("", "", 0);

    assertThat(listing.names())
        .containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "other-app/db-password");
    assertThat(fake.calls().subList(before, fake.calls().size()))
        .containsExactly("ListSecrets", "ListSecrets", "ListSecrets", "ListSecrets");
  }

  @Test
  void anUnreachableEndpoint_isUnreachable_forEveryOperation() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (var offline = storeFor("http://127.0.0.1:" + port).maxAttempts(2).build()) {
      assertThatThrownBy(() -> offline.create("k", bytes("v")))
          .isInstanceOf(KeyStoreUnreachableException.class)
          .hasMessageStartingWith("aws: failed to create 'k': AWS Secrets Manager is not reachable");
      assertThatThrownBy(() -> offline.get("k")).isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(() -> offline.delete("k")).isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(() -> offline.list("", "", 0))
          .isInstanceOf(KeyStoreUnreachableException.class);
      assertThatThrownBy(offline::status).isInstanceOf(KeyStoreUnreachableException.class);
    }
  }

  @Test
  void status_isAPlainGet_andAnyHttpAnswerMeansReachable() {
    assertThat(store.status().isNegative()).isFalse();
    assertThat(fake.calls()).isEmpty();
  }

  @Test
  void description_isTheEndpoint_asKesPrintsIt() {
    assertThat(store.description()).isEqualTo("AWS SecretsManager: " + fake.endpoint());
  }

  @Test
  void anEndpointWithoutScheme_isHttps() {
    try (var s = storeFor("secretsmanager.us-east-2.amazonaws.com").build()) {
      assertThat(s.description())
          .isEqualTo("AWS SecretsManager: https://secretsmanager.us-east-2.amazonaws.com");
    }
  }

  @Test
  void credentials_neverAppearInToStringOrErrors_evenWhenAwsEchoesThem() {
    // Some AWS errors quote the canonical request, session token included.
    fake.failNext(400, "InvalidSignatureException",
        "The request signature we calculated does not match. The Canonical String was 'x-amz-security-token:"
            + TOKEN + "' for key " + SECRET_KEY + " of " + ACCESS_KEY);

    Throwable thrown = catchThrowable(() -> store.get("my-key"));

    assertThat(thrown).isInstanceOf(KeyStoreException.class).hasMessageContaining("[redacted]");
    StringWriter trace = new StringWriter();
    thrown.printStackTrace(new PrintWriter(trace));
    for (String text : List.of(trace.toString(), store.toString(), storeFor("x").toString())) {
      assertThat(text).doesNotContain(SECRET_KEY).doesNotContain(TOKEN).doesNotContain(ACCESS_KEY);
    }
  }

  @Test
  void build_withoutEndpointOrRegion_fails() {
    assertThatThrownBy(() -> AwsSecretsManagerKeyStore.builder().region("r").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no endpoint specified");
    assertThatThrownBy(() -> AwsSecretsManagerKeyStore.builder().endpoint("e").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no region specified");
  }

  @Test
  void build_withAHalfStaticCredential_fails_withoutPrintingIt() {
    var builder =
        AwsSecretsManagerKeyStore.builder().endpoint("e").region("r")
            .staticCredentials("", SECRET_KEY, "");

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining(SECRET_KEY);
  }
}

package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.keystore.aws.MotoServer;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.aws.secretsmanager} against moto, the AWS emulator, instead of the fake: a real
 * Secrets Manager and KMS, with a KMS key made in moto for {@code kmskey}. moto speaks plain HTTP
 * on loopback and checks no signatures. Skipped, with the reason, where moto is not installed;
 * {@link AwsE2eTest} runs the same scenario against the fake everywhere.
 */
class AwsMotoE2eTest extends KeyStoreE2eTest {

  private static final String REGION = "us-east-2";
  private static final ObjectMapper JSON = new ObjectMapper();

  private MotoServer moto;
  private String kmsKey;

  @BeforeAll
  static void requireMoto() {
    assumeTrue(MotoServer.shared().isPresent(), MotoServer::unavailableReason);
  }

  @BeforeEach
  void resetMoto() {
    moto = MotoServer.shared().orElseThrow();
    moto.reset();
    kmsKey = moto.createKmsKey(REGION);
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  aws:",
        "    secretsmanager:",
        "      endpoint: " + moto.endpoint(),
        "      region:   " + REGION,
        "      kmskey:   " + kmsKey,
        "      credentials:",
        "        accesskey: AKIDEXAMPLE",
        "        secretkey: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
  }

  @Override
  String description() {
    return "AWS SecretsManager: " + moto.endpoint();
  }

  /** {@code GetSecretValue} from moto; a secret that is gone is no value. */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    String body = "{\"SecretId\":" + VendorHttp.quote(name) + "}";
    HttpResponse<String> response =
        moto.send("secretsmanager", REGION, "secretsmanager.GetSecretValue", body);
    JsonNode json = JSON.readTree(response.body());
    // AWS answers 400 for an unknown secret, moto 404.
    if (response.statusCode() == 400 || response.statusCode() == 404) {
      assertThat(json.path("__type").asText()).as(response.body()).contains("ResourceNotFound");
      return Optional.empty();
    }
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(json.has("SecretBinary")).as("stored as binary").isFalse();
    JsonNode described = moto.call("secretsmanager", REGION, "secretsmanager.DescribeSecret", body);
    assertThat(described.path("KmsKeyId").asText()).isEqualTo(kmsKey);
    return Optional.of(json.path("SecretString").asText().getBytes(UTF_8));
  }
}

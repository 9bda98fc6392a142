package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.aws.FakeSecretsManager;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.aws.secretsmanager} ({@code docs/keystores/aws.md#configuration}) with static
 * credentials and a KMS key, against kes-keystore-aws's fake of Secrets Manager's JSON 1.1
 * protocol. The value is the secret's {@code SecretString} ({@code docs/keystores/aws.md}).
 *
 * <p>The fake speaks plain HTTP, so the endpoint is {@code http://127.0.0.1:<port>}, as for a local
 * emulator; against AWS it is an {@code https} host name. The fake checks that requests are signed
 * with SigV4 but not the signature.
 */
class AwsE2eTest extends KeyStoreE2eTest {

  private static final String ACCESS_KEY = "AKIDEXAMPLE";
  private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

  private FakeSecretsManager aws;
  private final VendorHttp http = new VendorHttp(List.of(PKI.ca));

  @BeforeEach
  void startAws() throws Exception {
    aws = new FakeSecretsManager();
  }

  @AfterEach
  void stopAws() {
    aws.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  aws:",
        "    secretsmanager:",
        "      endpoint: " + aws.endpoint(),
        "      region:   us-east-2",
        "      kmskey:   alias/kes-it",
        "      credentials:",
        "        accesskey: " + ACCESS_KEY,
        "        secretkey: " + SECRET_KEY,
        "        token:     \"\"");
  }

  @Override
  String description() {
    return "AWS SecretsManager: " + aws.endpoint();
  }

  /**
   * {@code GetSecretValue}; a secret that is gone, or that AWS is still deleting in the background
   * after a forced delete, is no value.
   */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    Response response =
        http.send(
            "POST",
            aws.endpoint().toString(),
            "{\"SecretId\":" + VendorHttp.quote(name) + "}",
            "X-Amz-Target",
            "secretsmanager.GetSecretValue",
            "Content-Type",
            "application/x-amz-json-1.1",
            "Authorization",
            "AWS4-HMAC-SHA256 Credential="
                + ACCESS_KEY
                + "/20250101/us-east-2/secretsmanager/aws4_request, SignedHeaders=host,"
                + " Signature=0");
    if (response.status() == 400) {
      String type = response.json().path("__type").asText();
      if (type.equals("InvalidRequestException")) {
        assertThat(response.json().path("Message").asText()).contains("marked for deletion");
      } else {
        assertThat(type).as(response.body()).isEqualTo("ResourceNotFoundException");
      }
      return Optional.empty();
    }
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().has("SecretBinary")).as("stored as binary").isFalse();
    return Optional.of(response.json().path("SecretString").asText().getBytes(UTF_8));
  }
}

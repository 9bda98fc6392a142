package io.kesjava.keystore.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The service-account document made from the config, and what Google's library reads from it. */
class ServiceAccountJsonTest {

  @Test
  void theDocument_isKesDocument_fieldForField_inKesOrder() {
    String json =
        ServiceAccountJson.of(
            "my-project",
            "kes@my-project.iam.gserviceaccount.com",
            "113491952745362495489",
            "381514ebd3cf45a64ca8adc561f0ce28fca5ec06",
            "-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE KEY-----\\n");

    assertThat(json)
        .isEqualTo(
            "{\"type\":\"service_account\",\"project_id\":\"my-project\","
                + "\"private_key_id\":\"381514ebd3cf45a64ca8adc561f0ce28fca5ec06\","
                + "\"private_key\":\"-----BEGIN PRIVATE KEY-----\\nMIIB\\n-----END PRIVATE"
                + " KEY-----\\n\","
                + "\"client_email\":\"kes@my-project.iam.gserviceaccount.com\","
                + "\"client_id\":\"113491952745362495489\","
                + "\"auth_uri\":\"https://accounts.google.com/o/oauth2/auth\","
                + "\"token_uri\":\"https://accounts.google.com/o/oauth2/token\","
                + "\"auth_provider_x509_cert_url\":\"https://www.googleapis.com/oauth2/v1/certs\","
                + "\"client_x509_cert_url\":\"https://www.googleapis.com/robot/v1/metadata/x509/"
                + "kes%40my-project.iam.gserviceaccount.com\"}");
  }

  @Test
  void queryEscape_isGos() {
    assertThat(ServiceAccountJson.queryEscape("a b@c~d*e/f")).isEqualTo("a+b%40c~d%2Ae%2Ff");
  }

  @Test
  void quotesAndControlCharacters_areEscaped() {
    String json = ServiceAccountJson.of("p\"<&>", "e", "i", "k", "line\tkey");

    assertThat(json).contains("\"project_id\":\"p\\\"\\u003c\\u0026\\u003e\"");
    assertThat(json).contains("\"private_key\":\"line\\tkey\"");
  }

  static String pemOnOneLine(KeyPair pair) {
    // The two characters backslash-n between lines, as the key is written on one line of YAML.
    String body =
        Base64.getMimeEncoder(64, new byte[] {'\n'})
            .encodeToString(pair.getPrivate().getEncoded())
            .replace("\n", "\\n");
    return "-----BEGIN PRIVATE KEY-----\\n" + body + "\\n-----END PRIVATE KEY-----\\n";
  }

  @Test
  void googlesLibrary_readsTheServiceAccount_fromTheConfigFields() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();

    var credentials =
        GcpSecretManagerKeyStore.builder()
            .projectId("my-project")
            .serviceAccount("kes@my-project.iam.gserviceaccount.com", "1134", "key-id-1",
                pemOnOneLine(pair))
            .serviceAccountCredentials();

    assertThat(credentials.getClientEmail()).isEqualTo("kes@my-project.iam.gserviceaccount.com");
    assertThat(credentials.getClientId()).isEqualTo("1134");
    assertThat(credentials.getPrivateKeyId()).isEqualTo("key-id-1");
    assertThat(credentials.getProjectId()).isEqualTo("my-project");
    assertThat(credentials.getPrivateKey().getEncoded()).isEqualTo(pair.getPrivate().getEncoded());
    assertThat(credentials.getTokenServerUri().toString())
        .isEqualTo("https://accounts.google.com/o/oauth2/token");
  }

  @Test
  void aBrokenPrivateKey_isRejected_withoutQuotingIt() {
    String broken = "-----BEGIN PRIVATE KEY-----\\nnot-a-key-SECRETSECRET\\n-----END PRIVATE KEY-----";
    var builder =
        GcpSecretManagerKeyStore.builder()
            .projectId("p")
            .serviceAccount("e@p.iam.gserviceaccount.com", "1", "k", broken);

    assertThatThrownBy(builder::serviceAccountCredentials)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("gcp: the service account's private key is not a PEM-encoded PKCS #8 key")
        .hasNoCause();
    assertThat(builder.toString()).doesNotContain("SECRETSECRET");
  }
}

package io.kesjava.keystore.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the fake of Secrets Manager claims about AWS, checked against moto: paging of {@code
 * ListSecrets}, {@code KmsKeyId}, forced and recoverable deletes. Skipped, with the reason, where
 * moto is not installed.
 */
class AwsSecretsManagerMotoTest {

  private static final String REGION = "eu-west-3";

  private MotoServer moto;
  private String kmsKey;
  private AwsSecretsManagerKeyStore store;

  @BeforeAll
  static void requireMoto() {
    assumeTrue(MotoServer.shared().isPresent(), MotoServer::unavailableReason);
  }

  @BeforeEach
  void start() {
    moto = MotoServer.shared().orElseThrow();
    moto.reset();
    kmsKey = moto.createKmsKey(REGION);
    store =
        AwsSecretsManagerKeyStore.builder()
            .endpoint(moto.endpoint().toString())
            .region(REGION)
            .kmsKey(kmsKey)
            .staticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")
            .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
            .build();
  }

  @AfterEach
  void stop() {
    store.close();
  }

  private JsonNode secretsManager(String operation, String body) {
    return moto.call("secretsmanager", REGION, "secretsmanager." + operation, body);
  }

  @Test
  void list_follows_motosPages_over110Keys() {
    List<String> names = new ArrayList<>();
    for (int i = 109; i >= 0; i--) {
      String name = String.format("key-%03d", i);
      names.add(0, name);
      store.create(name, name.getBytes(UTF_8));
    }
    JsonNode firstPage = secretsManager("ListSecrets", "{}");
    assertThat(firstPage.path("SecretList").size()).as("one page of moto").isLessThan(110);
    assertThat(firstPage.path("NextToken").asText()).isNotEmpty();

    assertThat(store.list("", "", 0).names()).containsExactlyElementsOf(names);
    List<String> walked = new ArrayList<>();
    String cursor = "";
    do {
      KeyListing page = store.list("key-", cursor, 50);
      walked.addAll(page.names());
      cursor = page.continueAt();
    } while (!cursor.isEmpty());
    assertThat(walked).containsExactlyElementsOf(names);
    assertThat(store.list("key-10", "", 0).names())
        .containsExactly(
            "key-100", "key-101", "key-102", "key-103", "key-104", "key-105", "key-106", "key-107",
            "key-108", "key-109");
  }

  @Test
  void create_encryptsWithTheKmsKey_andStoresTheValueAsSecretString() {
    store.create("my-key", "CiQKIMiH".getBytes(UTF_8));

    JsonNode described = secretsManager("DescribeSecret", "{\"SecretId\":\"my-key\"}");
    assertThat(described.path("KmsKeyId").asText()).isEqualTo(kmsKey);
    JsonNode value = secretsManager("GetSecretValue", "{\"SecretId\":\"my-key\"}");
    assertThat(value.path("SecretString").asText()).isEqualTo("CiQKIMiH");
    assertThat(value.has("SecretBinary")).isFalse();
  }

  @Test
  void aForcedDelete_freesTheName_forANewKey() {
    store.create("my-key", "old".getBytes(UTF_8));

    store.delete("my-key");
    store.create("my-key", "new".getBytes(UTF_8));

    assertThat(store.get("my-key")).isEqualTo("new".getBytes(UTF_8));
    assertThatThrownBy(() -> store.create("my-key", "newer".getBytes(UTF_8)))
        .isInstanceOf(EntryExistsException.class);
  }

  @Test
  void aSecretSomeoneDeletedWithARecoveryWindow_cannotBeRead_itsNameStaysTaken_untilRestored() {
    store.create("my-key", "old".getBytes(UTF_8));
    secretsManager("DeleteSecret", "{\"SecretId\":\"my-key\",\"RecoveryWindowInDays\":7}");

    // AWS says "marked for deletion", moto "marked deleted": the store reads both as not found.
    assertThatThrownBy(() -> store.get("my-key"))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("marked for deletion");
    assertThat(store.list("", "", 0).names()).isEmpty();
    // AWS refuses the name as "scheduled for deletion"; moto as an existing secret.
    assertThatThrownBy(() -> store.create("my-key", "new".getBytes(UTF_8)))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("my-key");
    secretsManager("RestoreSecret", "{\"SecretId\":\"my-key\"}");
    assertThat(store.get("my-key")).isEqualTo("old".getBytes(UTF_8));
  }

  @Test
  void status_andDescription_nameMotosEndpoint() {
    assertThat(store.status().isNegative()).isFalse();
    assertThat(store.description()).isEqualTo("AWS SecretsManager: " + moto.endpoint());
  }
}

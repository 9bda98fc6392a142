package io.kesjava.keystore.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreStatusException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key Vault behaviour of {@link AzureKeyVaultKeyStore} against a fake that keeps Key Vault's own
 * rules (names without case, 25 KiB values, soft delete).
 */
class AzureKeyVaultKeyStoreTest {

  private FakeKeyVault fake;
  private TestVaults.FakeCredential credential;
  private AzureKeyVaultKeyStore store;

  @BeforeEach
  void start() throws Exception {
    fake = new FakeKeyVault();
    credential = new TestVaults.FakeCredential();
    store = TestVaults.storeFor(fake.vaultUrl(), credential).build();
  }

  @AfterEach
  void stop() {
    store.close();
    fake.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theFirstRequest_isChallenged_andTheTokenIsForKeyVault() {
    store.create("my-key", bytes("v"));

    assertThat(fake.challenges()).isGreaterThanOrEqualTo(1);
    assertThat(credential.scopes).contains(List.of("https://vault.azure.net/.default"));
  }

  @Test
  void create_checksTheLatestVersion_setsTheSecret_thenChecksItIsTheOldest() {
    store.create("my-key", bytes("CiQKIMiH"));

    assertThat(fake.requests())
        .containsExactly(
            "GET /secrets/my-key/", "PUT /secrets/my-key", "GET /secrets/my-key/versions");
    assertThat(store.get("my-key")).isEqualTo(bytes("CiQKIMiH"));
  }

  @Test
  void get_readsTheOldestVersion_asKesDoes() {
    fake.put("my-key", "first");
    fake.put("my-key", "second");

    assertThat(store.get("my-key")).isEqualTo(bytes("first"));
  }

  @Test
  void delete_softDeletes_byDefault_andACreateOverTheNameSaysRestoreOrPurge() {
    store.create("my-key", bytes("v"));

    store.delete("my-key");

    assertThat(fake.isSoftDeleted("my-key")).isTrue();
    assertThatThrownBy(() -> store.get("my-key")).isInstanceOf(EntryNotFoundException.class);
    assertThat(store.list("", "", 0).names()).isEmpty();
    assertThatThrownBy(() -> store.create("my-key", bytes("w")))
        .isInstanceOf(KeyStoreStatusException.class)
        .hasMessage(
            "azure: key 'my-key' already exists but is currently marked as deleted. Either restore"
                + " or purge 'my-key'")
        .satisfies(e -> assertThat(((KeyStoreStatusException) e).status()).isEqualTo(409));
  }

  @Test
  void purgeOnDelete_purges_retryingWhileKeyVaultIsStillDeleting() {
    fake.deleteLag(3);
    try (var purging = TestVaults.storeFor(fake).purgeOnDelete(true).build()) {
      purging.create("my-key", bytes("v"));

      purging.delete("my-key");

      assertThat(fake.isSoftDeleted("my-key")).isFalse();
      assertThat(fake.isActive("my-key")).isFalse();
      purging.create("my-key", bytes("w"));
      assertThat(purging.get("my-key")).isEqualTo(bytes("w"));
    }
  }

  @Test
  void purgeOnDelete_createOverASoftDeletedName_purgesItFirst_asKesDoes() {
    store.create("my-key", bytes("old"));
    store.delete("my-key");

    try (var purging = TestVaults.storeFor(fake).purgeOnDelete(true).build()) {
      purging.create("my-key", bytes("new"));

      assertThat(purging.get("my-key")).isEqualTo(bytes("new"));
    }
    assertThat(fake.requests()).contains("DELETE /deletedsecrets/my-key");
  }

  @Test
  void delete_ofAMissingSecret_isNotFound() {
    assertThatThrownBy(() -> store.delete("missing"))
        .isInstanceOf(EntryNotFoundException.class)
        .hasMessage("azure: key 'missing' does not exist");
  }

  @Test
  void namesKeyVaultDoesNotAllow_areRefusedBeforeAnyRequest() {
    assertThatThrownBy(() -> store.create("my_key", bytes("v")))
        .isInstanceOf(KeyStoreStatusException.class)
        .hasMessage(
            "azure: key name 'my_key' is not allowed by Azure Key Vault: use 1 to 127 letters,"
                + " digits and '-'");
    assertThatThrownBy(() -> store.get("my_key")).isInstanceOf(EntryNotFoundException.class);
    assertThatThrownBy(() -> store.delete("my_key")).isInstanceOf(EntryNotFoundException.class);
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void namesDifferingOnlyInCase_areOneSecret_inKeyVault() {
    store.create("My-Key", bytes("v"));

    assertThatThrownBy(() -> store.create("my-key", bytes("w")))
        .isInstanceOf(EntryExistsException.class);
    assertThat(store.get("MY-KEY")).isEqualTo(bytes("v"));
    assertThat(store.list("", "", 0).names()).containsExactly("My-Key");
  }

  @Test
  void aValueOver25KiB_isRefusedByKeyVault() {
    assertThatThrownBy(() -> store.create("big", new byte[26 * 1024]))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith("azure: failed to create 'big': HTTP 400 BadParameter");
  }

  @Test
  void aValueThatIsNotUtf8_isStoredAsMarkedBase64_andReadBack() {
    byte[] value = {(byte) 0xff, 0, (byte) 0xc3, 0x28};

    store.create("binary", value);

    assertThat(store.get("binary")).isEqualTo(value);
  }

  @Test
  void aDisabledLatestVersion_stillMeansTheKeyExists() {
    fake.put("my-key", "v");
    fake.disableLatest("my-key");

    assertThatThrownBy(() -> store.create("my-key", bytes("w")))
        .isInstanceOf(EntryExistsException.class)
        .hasMessageContaining("disabled");
    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("HTTP 403 Forbidden/SecretDisabled");
  }

  @Test
  void aCreateThatLosesARaceToAnotherServer_disablesItsVersion_andReportsExists() {
    fake.put("my-key", "theirs");
    // The other server's secret appeared after this store's existence check.
    fake.failNext("GET", "/secrets/my-key/", 404, "SecretNotFound", "", "not found");

    assertThatThrownBy(() -> store.create("my-key", bytes("mine")))
        .isInstanceOf(EntryExistsException.class)
        .hasMessage("azure: key 'my-key' already exists: another create of the same name came first");
    assertThat(store.get("my-key")).isEqualTo(bytes("theirs"));
    assertThat(fake.enabledVersions("my-key")).isEqualTo(1);
  }

  @Test
  void anOlderVersionWithTheSameValue_isThisCreatesOwn_fromAnHttpRetry() {
    fake.put("my-key", "mine");
    fake.failNext("GET", "/secrets/my-key/", 404, "SecretNotFound", "", "not found");

    store.create("my-key", bytes("mine"));

    assertThat(store.get("my-key")).isEqualTo(bytes("mine"));
  }

  @Test
  void twoWritesInTheSameSecond_cannotBeOrdered_andBothCountAsFirst() {
    fake.freezeClock();
    fake.put("my-key", "theirs");
    fake.failNext("GET", "/secrets/my-key/", 404, "SecretNotFound", "", "not found");

    store.create("my-key", bytes("mine"));

    assertThat(fake.versions("my-key")).isEqualTo(2);
  }

  @Test
  void throttling_isRetried_andWhenItOutlastsTheRetries_isAFailure_notUnreachable() {
    fake.throttle(2);
    store.create("my-key", bytes("v"));
    assertThat(store.get("my-key")).isEqualTo(bytes("v"));

    fake.throttle(10);
    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("throttled")
        .hasMessageContaining("HTTP 429 Throttled");
  }

  @Test
  void aForbiddenExistenceCheck_saysPermissionsAreMissing() {
    fake.failNext("GET", "/secrets/my-key/", 403, "Forbidden", "ForbiddenByPolicy",
        "The user does not have secrets get permission.");

    assertThatThrownBy(() -> store.create("my-key", bytes("v")))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith(
            "azure: failed to create 'my-key': insufficient permissions to check whether 'my-key'"
                + " already exists: HTTP 403 Forbidden/ForbiddenByPolicy");
  }

  @Test
  void list_followsNextLink_overEveryPage() {
    fake.pageSize(2);
    for (String name : List.of("k5", "k1", "k4", "k2", "k3")) {
      fake.put(name, name);
    }

    assertThat(store.list("", "", 0).names()).containsExactly("k1", "k2", "k3", "k4", "k5");
    assertThat(fake.requests()).containsExactly("GET /secrets", "GET /secrets", "GET /secrets");
  }

  @Test
  void status_isAnUnauthenticatedGet_andAnyAnswerMeansReachable() {
    int before = fake.challenges();

    assertThat(store.status().isNegative()).isFalse();
    assertThat(fake.challenges()).isEqualTo(before + 1);
    assertThat(credential.scopes).isEmpty();
  }

  @Test
  void description_isTheVaultUrl_asKesPrintsIt() {
    assertThat(store.description()).isEqualTo("Azure KeyVault: " + fake.vaultUrl());
  }
}

package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where and how entries live in Vault, exactly as KES lays them out ({@code
 * docs/keystores/vault.md}), so that KES and kes-java can read each other's keys.
 */
class VaultLayoutTest {

  /** A value in KES's current format (docs/keystores/README.md#what-is-stored). */
  private static final String KES_VALUE =
      "CiQKIMiHG7XrN94FuwblJJor4f7f6rbqAl7DwsLaiIoyz0D2EAESJAognLXl4yqa4cjZTcSbsU6sNnN8kP9ARWkXwa20Y"
          + "QZa9HgQARoMCNithK0GEID67qYDIkAzZWNmY2RmMzhmY2JlMTQxYWUyNmExMDMwZjgxZTk2Yjc1MzM2NWE0Njc2"
          + "MGFlNmI1Nzg2OThhOTdjNTlmZDIy";

  private VaultFixture fixture;
  private VaultKeyStore store;

  @AfterEach
  void tearDown() {
    if (store != null) {
      store.close();
    }
    fixture.close();
  }

  private VaultKeyStore open(VaultKeyStore.Builder settings) throws Exception {
    store = settings.build();
    fixture.scheduler.runDue();
    fixture.vault.clearCalls();
    return store;
  }

  private VaultKeyStore open(int version, String namespace, String prefix) throws Exception {
    fixture = new VaultFixture(version, namespace);
    return open(
        fixture.builder().version(version == 1 ? KvVersion.V1 : KvVersion.V2).prefix(prefix));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<String> requests() {
    return fixture.vault.calls().stream()
        .map(c -> c.method() + " " + c.path() + (c.query().isEmpty() ? "" : "?" + c.query()))
        .toList();
  }

  @Test
  void v1_create_readsThenWritesTheFieldNamedAfterTheKey() throws Exception {
    open(1, "", "tenant-1");

    store.create("my-key", bytes(KES_VALUE));

    assertThat(requests())
        .containsExactly("GET /v1/kv/tenant-1/my-key", "PUT /v1/kv/tenant-1/my-key");
    assertThat(fixture.vault.calls().get(1).body()).isEqualTo("{\"my-key\":\"" + KES_VALUE + "\"}");
  }

  @Test
  void v1_getDeleteAndList_useTheEntryAndFolderPaths() throws Exception {
    open(1, "", "tenant-1");
    store.create("my-key", bytes(KES_VALUE));
    fixture.vault.clearCalls();

    store.get("my-key");
    store.list("", "", 0);
    store.delete("my-key");

    assertThat(requests())
        .containsExactly(
            "GET /v1/kv/tenant-1/my-key",
            "GET /v1/kv/tenant-1?list=true",
            "DELETE /v1/kv/tenant-1/my-key");
  }

  @Test
  void v2_create_usesDataPath_andCasZero() throws Exception {
    open(2, "", "tenant-1");

    store.create("my-key", bytes(KES_VALUE));

    assertThat(requests())
        .containsExactly("GET /v1/kv/data/tenant-1/my-key", "PUT /v1/kv/data/tenant-1/my-key");
    assertThat(fixture.vault.calls().get(1).body())
        .isEqualTo("{\"options\":{\"cas\":0},\"data\":{\"my-key\":\"" + KES_VALUE + "\"}}");
  }

  @Test
  void v2_getReadsVersion1_deleteRemovesMetadata_listUsesMetadata() throws Exception {
    open(2, "", "tenant-1");
    store.create("my-key", bytes(KES_VALUE));
    fixture.vault.clearCalls();

    store.get("my-key");
    store.list("", "", 0);
    store.delete("my-key");

    assertThat(requests())
        .containsExactly(
            "GET /v1/kv/data/tenant-1/my-key?version=1",
            "GET /v1/kv/metadata/tenant-1?list=true",
            "DELETE /v1/kv/metadata/tenant-1/my-key");
    assertThat(fixture.vault.kvMount("", "kv").raw("tenant-1/my-key")).isNull();
  }

  @Test
  void v2_get_readsVersion1_evenWhenAnotherClientWroteVersion2() throws Exception {
    open(2, "", "");
    store.create("my-key", bytes("first"));
    fixture.vault.kvMount("", "kv").put("my-key", Map.of("my-key", "second"));

    assertThat(store.get("my-key")).isEqualTo(bytes("first"));
  }

  @Test
  void v2_aSoftDeletedVersion1_isAnError_andCreateSaysExists() throws Exception {
    open(2, "", "");
    store.create("my-key", bytes("first"));
    fixture.vault.kvMount("", "kv").handle("DELETE", "data/my-key", Map.of(), null);

    assertThatThrownBy(() -> store.get("my-key"))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("deleted");
    assertThatThrownBy(() -> store.create("my-key", bytes("again")))
        .isInstanceOf(EntryExistsException.class);
  }

  @Test
  void anEntryWrittenByKes_isRead_onBothVersions() throws Exception {
    for (int version : new int[] {1, 2}) {
      if (fixture != null) {
        tearDown();
      }
      open(version, "", "kes");
      fixture.vault.kvMount("", "kv").put("kes/from-go", Map.of("from-go", KES_VALUE));

      assertThat(store.get("from-go")).isEqualTo(bytes(KES_VALUE));
      assertThatThrownBy(() -> store.create("from-go", bytes("x")))
          .isInstanceOf(EntryExistsException.class);
      store = null;
    }
  }

  @Test
  void transit_storesTheCiphertextOfTheBase64Value_andDecryptsOnRead() throws Exception {
    fixture = new VaultFixture(1, "");
    open(fixture.builder().transit("transit", "kes-master"));

    store.create("my-key", bytes(KES_VALUE));

    String stored = fixture.vault.kvMount("", "kv").raw("my-key").get("my-key").textValue();
    assertThat(stored).startsWith("vault:v1:").doesNotContain(KES_VALUE);
    FakeVault.Call encrypt = fixture.vault.calls().get(1);
    assertThat(encrypt.method() + " " + encrypt.path())
        .isEqualTo("POST /v1/transit/encrypt/kes-master");
    assertThat(FakeVault.JSON.readTree(encrypt.body()).get("plaintext").textValue())
        .isEqualTo(java.util.Base64.getEncoder().encodeToString(bytes(KES_VALUE)));
    assertThat(store.get("my-key")).isEqualTo(bytes(KES_VALUE));
  }

  @Test
  void transit_plainValuesWrittenBeforeTransitWasOn_areStillRead() throws Exception {
    fixture = new VaultFixture(1, "");
    open(fixture.builder().transit("transit", "kes-master"));
    fixture.vault.kvMount("", "kv").put("old", Map.of("old", KES_VALUE));

    assertThat(store.get("old")).isEqualTo(bytes(KES_VALUE));
  }

  @Test
  void aTransitValue_withoutTransitConfigured_isAnError() throws Exception {
    open(1, "", "");
    fixture.vault.kvMount("", "kv").put("wrapped", Map.of("wrapped", "vault:v1:abcd"));

    assertThatThrownBy(() -> store.get("wrapped"))
        .hasMessage("vault: failed to read 'wrapped': key is encrypted with vault transit key");
  }

  @Test
  void anEntryWithoutTheField_orWithANonString_isAFormatError() throws Exception {
    open(1, "", "");
    fixture.vault.kvMount("", "kv").put("other", Map.of("something", "else"));
    fixture.vault.kvMount("", "kv").put("number", Map.of("number", 42));

    assertThatThrownBy(() -> store.get("other"))
        .hasMessage("vault: failed to read 'other': entry exists but no secret key is present");
    assertThatThrownBy(() -> store.get("number"))
        .hasMessage("vault: failed to read 'number': invalid K/V format");
    assertThatThrownBy(() -> store.create("other", bytes("x")))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageContaining("invalid K/V v1 format");
  }

  @Test
  void list_leavesOutSubFolders_andAMissingFolderIsEmpty() throws Exception {
    open(2, "", "kes");
    assertThat(store.list("", "", 0).names()).isEmpty();

    store.create("a-key", bytes("1"));
    fixture.vault.kvMount("", "kv").put("kes/folder/inner", Map.of("inner", "x"));

    assertThat(store.list("", "", 0).names()).containsExactly("a-key");
  }

  @Test
  void theNamespaceHeader_goesOnDataRequests_notOnHealth() throws Exception {
    open(2, "ns1", "");

    store.create("my-key", bytes("v"));
    store.status();

    for (FakeVault.Call call : fixture.vault.calls()) {
      if (call.path().equals("/v1/sys/health")) {
        assertThat(call.namespace()).isEmpty();
        assertThat(call.token()).isNull();
      } else {
        assertThat(call.namespace()).isEqualTo("ns1");
      }
    }
    assertThat(fixture.vault.kvMount("ns1", "kv").raw("my-key")).isNotNull();
  }

  @Test
  void theStoreDoesNotSeeAnotherNamespacesEntries() throws Exception {
    open(1, "ns1", "");
    fixture.vault.kv("", "kv", 1);
    fixture.vault.kvMount("", "kv").put("root-key", Map.of("root-key", "x"));

    assertThatThrownBy(() -> store.get("root-key")).isInstanceOf(EntryNotFoundException.class);
  }

  @Test
  void pathsAreJoinedLikeGo_withSlashesInEngineAndPrefix() throws Exception {
    fixture = new VaultFixture(1, "");
    fixture.vault.kv("", "secret/kes", 1);
    open(fixture.builder().engine("/secret/kes/").prefix("//a/./b/"));

    store.create("k", bytes("v"));

    assertThat(requests()).containsExactly("GET /v1/secret/kes/a/b/k", "PUT /v1/secret/kes/a/b/k");
  }

  @Test
  void namesThatAreNotOnePathSegment_areRejected() throws Exception {
    open(1, "", "tenant-1");

    for (String name : List.of("..", ".", "a/b", "")) {
      assertThatThrownBy(() -> store.create(name, bytes("v")))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(fixture.vault.calls()).isEmpty();
  }

  @Test
  void bytesThatAreNotUtf8_roundTrip_inTheMarkedBase64Form() throws Exception {
    open(1, "", "");
    byte[] binary = {(byte) 0xff, 0, (byte) 0xc3, 0x28};

    store.create("bin", binary);

    assertThat(fixture.vault.kvMount("", "kv").raw("bin").get("bin").textValue())
        .isEqualTo("kes-java:base64:/wDDKA==");
    assertThat(store.get("bin")).isEqualTo(binary);
  }

  @Test
  void description_isKesBannerLine() throws Exception {
    open(1, "", "");

    assertThat(store.description()).isEqualTo("Hashicorp Vault: " + fixture.vault.endpoint());
  }
}

package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.testkit.LogCapture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures map to the SPI's exceptions, carry Vault's text, and never carry a secret. */
class VaultErrorsTest {

  private static final String VALUE = "c2VjcmV0LWtleS1tYXRlcmlhbC1kby1ub3QtcHJpbnQ=";

  private VaultFixture fixture;
  private VaultKeyStore store;
  private LogCapture log;

  @BeforeEach
  void setUp() throws Exception {
    log = new LogCapture(VaultKeyStore.class.getName());
    fixture = new VaultFixture(2, "", Duration.ofSeconds(60), Duration.ofSeconds(100), true);
    store = fixture.builder().version(KvVersion.V2).build();
    fixture.scheduler.runDue();
  }

  @AfterEach
  void tearDown() {
    log.close();
    store.close();
    fixture.close();
    assertNoSecretIn(String.join("\n", log.lines()));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static void assertNoSecretIn(String text) {
    assertThat(text)
        .doesNotContain(VaultFixture.ROLE_ID)
        .doesNotContain(VaultFixture.SECRET_ID)
        .doesNotContain("hvs.")
        .doesNotContain(VALUE)
        .doesNotContain(Base64.getEncoder().encodeToString(bytes(VALUE)));
  }

  @Test
  void onceTheHealthProbeSeesASeal_operationsFailAtOnce_asUnreachable() {
    fixture.vault.sealed(true);
    fixture.scheduler.advance(Duration.ofSeconds(15));
    fixture.vault.clearCalls();

    for (Runnable op :
        List.<Runnable>of(
            () -> store.create("k", bytes(VALUE)),
            () -> store.get("k"),
            () -> store.delete("k"),
            () -> store.list("", "", 0))) {
      assertThatThrownBy(op::run)
          .isInstanceOf(KeyStoreUnreachableException.class)
          .hasMessage("vault: key store is sealed");
    }
    assertThat(fixture.vault.calls()).isEmpty();
    assertThatThrownBy(store::status)
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("vault: key store is sealed");
  }

  @Test
  void aSealBeforeTheNextProbe_isUnreachableFromVaults503() {
    fixture.vault.sealed(true);

    assertThatThrownBy(() -> store.get("k"))
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageContaining("Vault is sealed");
  }

  @Test
  void afterUnsealing_operationsWorkAgain() {
    fixture.vault.sealed(true);
    fixture.scheduler.advance(Duration.ofSeconds(15));
    fixture.vault.sealed(false);
    fixture.scheduler.advance(Duration.ofSeconds(15));

    store.create("k", bytes(VALUE));
    assertThat(store.get("k")).isEqualTo(bytes(VALUE));
  }

  @Test
  void status_ofAnUninitializedVault_isUnreachable() {
    fixture.vault.initialized(false);

    assertThatThrownBy(store::status)
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessage("vault: not initialized");
  }

  @Test
  void status_returnsTheLatency() {
    assertThat(store.status().isNegative()).isFalse();
  }

  @Test
  void aVaultThatIsGone_isUnreachable_forDataAndStatus() {
    fixture.vault.close();

    assertThatThrownBy(() -> store.get("k")).isInstanceOf(KeyStoreUnreachableException.class);
    assertThatThrownBy(store::status).isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void build_whenVaultIsGone_isUnreachable() {
    fixture.vault.close();

    assertThatThrownBy(() -> fixture.builder().build())
        .isInstanceOf(KeyStoreUnreachableException.class)
        .hasMessageStartingWith("vault: failed to reach 127.0.0.1:");
  }

  @Test
  void build_withAWrongSecretId_failsWithVaultsText() {
    Throwable thrown =
        catchThrowable(
            () ->
                fixture
                    .builder()
                    .login(AppRoleLogin.of(VaultFixture.ROLE_ID, "wrong-secret"))
                    .build());

    assertThat(thrown)
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("vault: authentication failed: 400 (invalid secret id)");
  }

  @Test
  void build_withAWrongRoleId_quotesVaultsTextWithoutTheRoleId() {
    String roleId = "wrong-role-0d1e2f";
    Throwable thrown =
        catchThrowable(
            () -> fixture.builder().login(AppRoleLogin.of(roleId, VaultFixture.SECRET_ID)).build());

    assertThat(thrown).isExactlyInstanceOf(KeyStoreException.class);
    assertThat(thrown.getMessage())
        .contains("invalid role_id \"<redacted>\"")
        .doesNotContain(roleId);
  }

  @Test
  void aVaultErrorThatEchoesTheRequest_neverCarriesTheValue() {
    fixture.vault.echoWrites(true);

    Throwable thrown = catchThrowable(() -> store.create("k", bytes(VALUE)));

    assertThat(thrown).isExactlyInstanceOf(KeyStoreException.class);
    assertThat(thrown.getMessage())
        .startsWith("vault: failed to write 'k': server responded with: 400 (");
    assertThat(thrown.getMessage()).contains("invalid request body").contains("<redacted>");
    assertNoSecretIn(thrown.getMessage());
  }

  @Test
  void aVaultErrorThatEchoesATransitRequest_neverCarriesTheValueOrItsCiphertext() {
    VaultKeyStore transit = fixture.builder().transit("transit", "k1").build();
    try {
      fixture.vault.echoWrites(true);

      Throwable thrown = catchThrowable(() -> transit.create("k", bytes(VALUE)));

      assertThat(thrown.getMessage()).contains("<redacted>").doesNotContain("vault:v1:");
      assertNoSecretIn(thrown.getMessage());
    } finally {
      transit.close();
    }
  }

  @Test
  void otherVaultErrors_areKeyStoreExceptions_withVaultsText() {
    fixture.vault.deny("kv/");

    assertThatThrownBy(() -> store.list("", "", 0))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage(
            "vault: failed to list 'kv/metadata': server responded with: 403 (permission denied)");
    assertThatThrownBy(() -> store.create("k", bytes(VALUE)))
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("vault: failed to create 'k': server responded with: 403 (permission denied)");
  }

  @Test
  void toStrings_showSettings_butNoCredential() {
    String texts =
        String.join(
            "\n",
            store.toString(),
            store.toBuilder().toString(),
            AppRoleLogin.of(VaultFixture.ROLE_ID, VaultFixture.SECRET_ID).toString(),
            KubernetesLogin.of("kes", "eyJhbGciOiJSUzI1NiJ9.payload.signature").toString(),
            new VaultToken(
                    "hvs.0123456789abcdefghijklmn",
                    Duration.ofSeconds(5),
                    true,
                    fixture.clock.instant())
                .toString());

    assertNoSecretIn(texts);
    assertThat(texts).doesNotContain("eyJhbGciOiJSUzI1NiJ9");
    assertThat(store.toString())
        .contains("endpoint=" + fixture.vault.endpoint())
        .contains("version=v2")
        .contains("AppRoleLogin[engine=approle");
  }

  @Test
  void aLifeOfLoginsRenewalsAndErrors_logsNoSecret() {
    store.create("k", bytes(VALUE));
    fixture.scheduler.advance(Duration.ofSeconds(300));
    fixture.vault.revokeTokens();
    store.get("k");
    fixture.vault.echoWrites(true);
    catchThrowable(() -> store.create("k2", bytes(VALUE)));

    assertThat(log.lines()).isNotEmpty();
  }
}

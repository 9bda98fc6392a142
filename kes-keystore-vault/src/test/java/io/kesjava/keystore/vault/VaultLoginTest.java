package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AppRole and Kubernetes logins, their mounts and namespaces ({@code docs/keystores/vault.md}). */
class VaultLoginTest {

  private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJrZXMifQ.c2lnbmF0dXJl";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock();
  private final ManualScheduler scheduler = new ManualScheduler(clock);
  private FakeVault vault;

  @AfterEach
  void stop() {
    scheduler.close();
    if (vault != null) {
      vault.close();
    }
  }

  private VaultKeyStore.Builder builder(String namespace, VaultLogin login) {
    return VaultKeyStore.builder()
        .endpoint(vault.endpoint())
        .namespace(namespace)
        .login(login)
        .clock(clock)
        .scheduler(scheduler);
  }

  private static void roundTrip(VaultKeyStore store) {
    try (store) {
      store.create("k", "v".getBytes(StandardCharsets.UTF_8));
      assertThat(store.get("k")).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
    }
  }

  private List<FakeVault.Call> logins() {
    return vault.calls().stream().filter(c -> c.path().endsWith("/login")).toList();
  }

  @Test
  void kubernetes_withAnInlineJwt_sendsRoleAndJwt() throws Exception {
    vault = FakeVault.start(clock).kv("", "kv", 1);
    vault.kubernetes("", "kubernetes", "kes", JWT, Duration.ofHours(1), Duration.ofHours(2));

    roundTrip(builder("", KubernetesLogin.of("kes", JWT)).build());

    FakeVault.Call login = logins().get(0);
    assertThat(login.method() + " " + login.path()).isEqualTo("PUT /v1/auth/kubernetes/login");
    assertThat(FakeVault.JSON.readTree(login.body()))
        .isEqualTo(FakeVault.JSON.readTree("{\"role\":\"kes\",\"jwt\":\"" + JWT + "\"}"));
  }

  @Test
  void kubernetes_readsTheJwtFileAgainAtEveryLogin() throws Exception {
    vault = FakeVault.start(clock).kv("", "kv", 1);
    vault.kubernetes(
        "", "k8s/cluster-1", "kes", "first-token", Duration.ofSeconds(60), Duration.ofSeconds(60));
    vault.kubernetes(
        "", "k8s/cluster-1", "kes", "second-token", Duration.ofSeconds(60), Duration.ofSeconds(60));
    Path file = Files.writeString(dir.resolve("token"), "first-token");

    VaultKeyStore store =
        builder("", KubernetesLogin.fromFile("kes", file).withEngine("k8s/cluster-1")).build();
    try (store) {
      Files.writeString(file, "second-token"); // the kubelet rotated it
      clock.advance(Duration.ofMinutes(2));
      store.create("k", "v".getBytes(StandardCharsets.UTF_8));
    }

    assertThat(logins())
        .extracting(FakeVault.Call::body)
        .containsExactly(
            "{\"role\":\"kes\",\"jwt\":\"first-token\"}",
            "{\"role\":\"kes\",\"jwt\":\"second-token\"}");
  }

  @Test
  void kubernetes_aWrongJwt_failsTheBuild_withoutQuotingIt() throws Exception {
    vault = FakeVault.start(clock).kv("", "kv", 1);
    vault.kubernetes("", "kubernetes", "kes", JWT, Duration.ofHours(1), Duration.ofHours(2));

    assertThatThrownBy(() -> builder("", KubernetesLogin.of("kes", "wrong.jwt.value")).build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessage("vault: authentication failed: 403 (permission denied)");
  }

  @Test
  void theLogin_usesTheStoreNamespace_whenItsOwnIsEmpty() throws Exception {
    vault = FakeVault.start(clock).kv("ns1", "kv", 1);
    vault.appRole("ns1", "approle", "id", "secret", Duration.ofHours(1), Duration.ofHours(2), true);

    roundTrip(builder("ns1", AppRoleLogin.of("id", "secret")).build());

    assertThat(logins()).extracting(FakeVault.Call::namespace).containsExactly("ns1");
  }

  @Test
  void aLoginNamespaceOfSlash_logsInAtTheRoot_andTheTokenServesTheStoreNamespace()
      throws Exception {
    vault = FakeVault.start(clock).kv("ns1", "kv", 2);
    vault.appRole("", "approle", "id", "secret", Duration.ofHours(1), Duration.ofHours(2), true);

    roundTrip(
        builder("ns1", AppRoleLogin.of("id", "secret").withNamespace("/"))
            .version(KvVersion.V2)
            .build());

    assertThat(logins()).extracting(FakeVault.Call::namespace).containsExactly("");
    assertThat(vault.calls())
        .filteredOn(c -> c.path().startsWith("/v1/kv/"))
        .extracting(FakeVault.Call::namespace)
        .containsOnly("ns1");
  }

  @Test
  void anExplicitLoginNamespace_isUsedForTheLoginOnly() throws Exception {
    vault = FakeVault.start(clock).kv("team/a", "kv", 1);
    vault.appRole(
        "team", "auth-approle", "id", "secret", Duration.ofHours(1), Duration.ofHours(2), true);

    roundTrip(
        builder(
                "team/a",
                AppRoleLogin.of("id", "secret").withNamespace("team").withEngine("auth-approle"))
            .build());

    assertThat(logins())
        .extracting(c -> c.namespace() + " " + c.path())
        .containsExactly("team /v1/auth/auth-approle/login");
  }

  @Test
  void aTokenFromAnotherNamespace_isRefusedByVault() throws Exception {
    vault = FakeVault.start(clock).kv("ns2", "kv", 1);
    vault.appRole("ns1", "approle", "id", "secret", Duration.ofHours(1), Duration.ofHours(2), true);

    VaultKeyStore store =
        builder("ns2", AppRoleLogin.of("id", "secret").withNamespace("ns1")).build();
    try (store) {
      assertThatThrownBy(() -> store.get("k"))
          .isExactlyInstanceOf(KeyStoreException.class)
          .hasMessageContaining("403 (permission denied)");
    }
  }

  @Test
  void aLoginAnswerWithoutAToken_failsTheBuild() throws Exception {
    vault = FakeVault.start(clock).kv("", "kv", 1);
    // no auth mount: Vault answers 404
    assertThatThrownBy(() -> builder("", AppRoleLogin.of("id", "secret")).build())
        .isExactlyInstanceOf(KeyStoreException.class)
        .hasMessageStartingWith("vault: authentication failed: 404");
  }

  @Test
  void logins_validateTheirArguments() {
    assertThatThrownBy(() -> AppRoleLogin.of("", "s")).hasMessage("no approle ID specified");
    assertThatThrownBy(() -> AppRoleLogin.of("i", "")).hasMessage("no approle secret specified");
    assertThatThrownBy(() -> KubernetesLogin.of("r", "")).hasMessage("no JWT specified");
    assertThatThrownBy(() -> AppRoleLogin.of("i", "s").withRetry(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(AppRoleLogin.of("i", "s").withEngine("").engine()).isEqualTo("approle");
    assertThat(KubernetesLogin.of("r", "j").withEngine("").engine()).isEqualTo("kubernetes");
  }
}

package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.testkit.LogCapture;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The {@code keystore.vault} section ({@code docs/keystores/vault.md#configuration}) read into the
 * store's settings, from KES's config files (copies in the test resources, {@code configs/}) and
 * from maps that set every key.
 */
class VaultKeyStoreProviderTest {

  private static final VaultKeyStoreProvider PROVIDER = new VaultKeyStoreProvider();

  @TempDir Path dir;

  /** The {@code keystore.vault} section of a config file, every scalar as its literal text. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> vaultSection(String resource) throws Exception {
    Resolver literal =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {
            // none: KES reads scalars as text (docs/configuration.md#how-the-file-is-read)
          }
        };
    LoaderOptions options = new LoaderOptions();
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new DumperOptions()),
            new DumperOptions(),
            options,
            literal);
    try (InputStream in = VaultKeyStoreProviderTest.class.getResourceAsStream(resource)) {
      Map<String, Object> root = yaml.load(in);
      Map<String, Object> keystore = (Map<String, Object>) root.get("keystore");
      return new LinkedHashMap<>((Map<String, Object>) keystore.get("vault"));
    }
  }

  private static VaultKeyStore.Builder read(Map<String, ?> section) {
    return PROVIDER.configure(KeyStoreConfig.of("keystore.vault", section));
  }

  @Test
  void theProvider_isFoundByItsName() {
    assertThat(KeyStoreRegistry.load().find("vault"))
        .get()
        .isInstanceOf(VaultKeyStoreProvider.class);
    assertThat(new VaultKeyStoreProvider().name()).isEqualTo("vault");
  }

  @Test
  void vaultYml_readsIntoTheSettings() throws Exception {
    VaultKeyStore.Builder b = read(vaultSection("/configs/vault.yml"));

    assertThat(b.endpoint()).isEqualTo("https://127.0.0.1:8200");
    assertThat(b.engine()).isEqualTo("kv");
    assertThat(b.version()).isEqualTo(KvVersion.V2);
    assertThat(b.namespace()).isEqualTo("ns1");
    assertThat(b.prefix()).isEqualTo("tenant-1");
    assertThat(b.transitKey()).isNull();
    assertThat(b.tlsCert()).isNull();
    assertThat(b.tlsCa()).isNull();
    assertThat(b.statusPing()).isEqualTo(Duration.ofSeconds(15));
    assertThat(b.login()).isInstanceOf(AppRoleLogin.class);
    AppRoleLogin login = (AppRoleLogin) b.login();
    assertThat(login.engine()).isEqualTo("approle");
    assertThat(login.namespace()).isEmpty();
    assertThat(login.roleId()).isEqualTo("db02de05-fa39-4855-059b-67221c5c2f63");
    assertThat(login.secretId()).isEqualTo("6a174c20-f6de-a53c-74d2-6018fcceff64");
  }

  @Test
  void theTemplate_asShipped_failsForItsEmptyEndpoint() throws Exception {
    Map<String, Object> section = vaultSection("/configs/server-config.yaml");

    assertThatThrownBy(() -> read(section))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.vault.endpoint: invalid vault keystore: no endpoint specified");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theTemplate_withEndpointAndAppRoleFilledIn_readsEveryKey() throws Exception {
    Map<String, Object> section = vaultSection("/configs/server-config.yaml");
    section.put("endpoint", "https://vault.example.com:8200");
    assertThatThrownBy(() -> read(section))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.vault: invalid vault keystore: no authentication method specified");

    Map<String, Object> approle = new LinkedHashMap<>((Map<String, Object>) section.get("approle"));
    approle.put("id", "role");
    approle.put("secret", "secret");
    section.put("approle", approle);
    VaultKeyStore.Builder b = read(section);

    assertThat(b.engine()).isEqualTo("kv");
    assertThat(b.version()).isEqualTo(KvVersion.V1);
    assertThat(b.namespace()).isEmpty();
    assertThat(b.prefix()).isEmpty();
    assertThat(b.transitKey()).isNull(); // the all-empty transit section counts as absent
    assertThat(b.tlsCert()).isNull();
    assertThat(b.statusPing()).isEqualTo(Duration.ofSeconds(10));
    assertThat(b.login().engine()).isEqualTo("approle");
  }

  @Test
  void everyKey_withKubernetesLoginFromAFile() throws Exception {
    Path jwt = Files.writeString(dir.resolve("token"), "eyJ.jwt.sig\n", StandardCharsets.UTF_8);
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("endpoint", "https://vault:8200");
    section.put("engine", "secrets/kes");
    section.put("version", "v1");
    section.put("namespace", "ns1");
    section.put("prefix", "tenant-1");
    section.put("transit", Map.of("engine", "my-transit", "key", "kes-wrap"));
    section.put(
        "kubernetes",
        Map.of(
            "engine",
            "k8s",
            "namespace",
            "/",
            "role",
            "kes",
            "jwt",
            jwt.toString(),
            "retry",
            "30s"));
    section.put("tls", Map.of("key", "client.key", "cert", "client.crt", "ca", "ca.pem"));
    section.put("status", Map.of("ping", "1m"));

    VaultKeyStore.Builder b = read(section);

    assertThat(b.engine()).isEqualTo("secrets/kes");
    assertThat(b.version()).isEqualTo(KvVersion.V1);
    assertThat(b.namespace()).isEqualTo("ns1");
    assertThat(b.prefix()).isEqualTo("tenant-1");
    assertThat(b.transitEngine()).isEqualTo("my-transit");
    assertThat(b.transitKey()).isEqualTo("kes-wrap");
    assertThat(b.tlsKey()).isEqualTo(Path.of("client.key"));
    assertThat(b.tlsCert()).isEqualTo(Path.of("client.crt"));
    assertThat(b.tlsCa()).isEqualTo(Path.of("ca.pem"));
    assertThat(b.statusPing()).isEqualTo(Duration.ofMinutes(1));
    KubernetesLogin login = (KubernetesLogin) b.login();
    assertThat(login.engine()).isEqualTo("k8s");
    assertThat(login.namespace()).isEqualTo("/");
    assertThat(login.role()).isEqualTo("kes");
    assertThat(login.jwtFile()).contains(jwt);
    assertThat(login.jwt()).isEqualTo("eyJ.jwt.sig\n"); // verbatim, not trimmed
    assertThat(login.retry()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anInlineJwt_andAnAppRoleRetry() {
    VaultKeyStore.Builder k8s =
        read(
            Map.of(
                "endpoint",
                "http://vault:8200",
                "kubernetes",
                Map.of("role", "r", "jwt", "eyJ.a.b")));
    assertThat(((KubernetesLogin) k8s.login()).jwtFile()).isEmpty();
    assertThat(((KubernetesLogin) k8s.login()).jwt()).isEqualTo("eyJ.a.b");

    VaultKeyStore.Builder approle =
        read(
            Map.of(
                "endpoint",
                "http://vault:8200",
                "approle",
                Map.of("id", "i", "secret", "s", "retry", "15s", "namespace", "/")));
    assertThat(approle.login().retry()).isEqualTo(Duration.ofSeconds(15));
    assertThat(approle.login().namespace()).isEqualTo("/");
  }

  @Test
  void invalidSections_failWithKesMessages_namingTheKey() {
    Map<String, Object> approle = Map.of("id", "the-role-id", "secret", "the-secret-id");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", approle, "kubernetes", Map.of("jwt", "x")),
        "keystore.vault: invalid vault keystore: more than one authentication method specified");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", Map.of("secret", "s")),
        "keystore.vault.approle.id: invalid vault keystore: invalid approle config: no approle ID"
            + " specified");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", Map.of("id", "i")),
        "keystore.vault.approle.secret: invalid vault keystore: invalid approle config: no approle"
            + " secret specified");
    assertInvalid(
        Map.of("endpoint", "http://v", "kubernetes", Map.of("role", "r")),
        "keystore.vault.kubernetes.jwt: invalid vault keystore: invalid kubernetes config: no JWT"
            + " specified");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", approle, "transit", Map.of("engine", "t")),
        "keystore.vault.transit.key: invalid vault keystore: invalid transit config: no key name"
            + " specified");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", approle, "tls", Map.of("key", "k")),
        "keystore.vault.tls.cert: invalid vault keystore: invalid tls config: no TLS certificate"
            + " provided");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", approle, "tls", Map.of("cert", "c")),
        "keystore.vault.tls.key: invalid vault keystore: invalid tls config: no TLS private key"
            + " provided");
    assertInvalid(
        Map.of("endpoint", "http://v", "approle", approle, "version", "v3"),
        "keystore.vault.version: vault: invalid engine API version 'v3'");
    assertInvalid(
        Map.of("endpoint", "vault:8200", "approle", approle),
        "keystore.vault.endpoint: vault: invalid endpoint: not an http(s) URL");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "endpoint",
                        "http://v",
                        "approle",
                        approle,
                        "status",
                        Map.of("ping", "-1s"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.vault.status.ping:");
  }

  @Test
  void unknownKeys_areLoggedAsWarnings_namingTheKey() {
    List<String> warnings;
    try (LogCapture log = new LogCapture(VaultKeyStoreProvider.class.getName())) {
      read(
          Map.of(
              "endpoint",
              "http://v",
              "approle",
              Map.of("id", "i", "secret", "s"),
              "tls",
              Map.of("capath", "/etc/ca"),
              "enigne",
              "kv"));
      warnings = log.lines();
    }

    assertThat(warnings)
        .containsExactlyInAnyOrder(
            "WARNING unknown config key 'keystore.vault.enigne' is ignored",
            "WARNING unknown config key 'keystore.vault.tls.capath' is ignored");
  }

  @Test
  void aJwtPathThatCannotBeRead_failsAtParse() {
    Path missing = dir.resolve("no-such-token");

    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "endpoint", "http://v", "kubernetes", Map.of("jwt", missing.toString()))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith(
            "keystore.vault.kubernetes.jwt: failed to read vault kubernetes JWT from '"
                + missing
                + "'");
  }

  private static void assertInvalid(Map<String, ?> section, String message) {
    assertThatThrownBy(() -> read(section))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(message)
        .message()
        .doesNotContain("the-secret-id")
        .doesNotContain("the-role-id");
  }

  @Test
  void create_buildsAWorkingStore_fromTheSection() throws Exception {
    try (VaultFixture fixture = new VaultFixture(2, "ns1")) {
      Map<String, Object> section = new LinkedHashMap<>();
      section.put("endpoint", fixture.vault.endpoint());
      section.put("version", "v2");
      section.put("namespace", "ns1");
      section.put("approle", Map.of("id", VaultFixture.ROLE_ID, "secret", VaultFixture.SECRET_ID));

      try (KeyStore store =
          new VaultKeyStoreProvider().create(KeyStoreConfig.of("keystore.vault", section))) {
        store.create("my-key", "value".getBytes(StandardCharsets.UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value".getBytes(StandardCharsets.UTF_8));
        assertThat(store.description()).isEqualTo("Hashicorp Vault: " + fixture.vault.endpoint());
      }
    }
  }
}

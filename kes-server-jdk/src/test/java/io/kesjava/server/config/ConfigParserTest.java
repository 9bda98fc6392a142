package io.kesjava.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.tls.ClientAuth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ConfigParserTest {

  static final String ADMIN = "c84cc9b91ae2399b043da7eca616048d4b4200edf2ff418d8af3835911db945d";
  static final String ID_1 = "df7281ca3fed4ef7d06297eb7cb9d590a4edc863b4425f4762bb2afaebfd3258";
  static final String ID_2 = "7ec8095a5308a535b72b35c7ccd4ce1d7c14af713acd22e2935a9d6e4fe18127";

  /** A minimal valid config; tests append sections or replace lines. */
  static final String BASE =
      """
      admin:
        identity: %s
      tls:
        key: ./server.key
        cert: ./server.cert
      keystore:
        fs:
          path: /tmp/keys
      """
          .formatted(ADMIN);

  static ServerConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  static ServerConfig parse(String yaml, Map<String, String> env) {
    return ConfigParser.builder().environment(env::get).build().parse(yaml);
  }

  static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String yaml) {
    return assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class);
  }

  static String resource(String name) {
    try (InputStream in = ConfigParserTest.class.getResourceAsStream("/configs/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  // --- the shipped example files ---------------------------------------------------------------

  @Test
  void fsExample_parses() {
    ServerConfig c = parse(resource("fs.yml"));
    assertThat(c.address()).isEqualTo("0.0.0.0:7373");
    assertThat(c.admin().value()).isEqualTo(ADMIN);
    assertThat(c.tls().privateKey()).isEqualTo(Path.of("./server.key"));
    assertThat(c.tls().certificate()).isEqualTo(Path.of("./server.cert"));
    assertThat(c.keyStore().backend()).isEqualTo("fs");
    assertThat(c.keyStore().config().string("path")).contains("/tmp/keys");
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUIRE_ANY);
    assertThat(c.cache()).isEqualTo(CacheConfig.defaults());
    assertThat(c.log()).isEqualTo(LogConfig.defaults());
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void vaultExample_parsesWithRawValues() {
    ServerConfig c = parse(resource("vault.yml"));
    assertThat(c.keyStore().backend()).isEqualTo("vault");
    var vault = c.keyStore().config();
    assertThat(vault.path()).isEqualTo("keystore.vault");
    assertThat(vault.string("endpoint")).contains("https://127.0.0.1:8200");
    assertThat(vault.string("version")).contains("v2");
    assertThat(vault.child("approle").orElseThrow().string("id")).contains("db02de05-fa39-4855-059b-67221c5c2f63");
    assertThat(c.keyStore().lineOf("keystore.vault.approle.secret")).isEqualTo(22);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void serverConfigTemplate_asShipped_hasMoreThanOneKeystore() {
    assertThatThrownBy(() -> parse(resource("server-config.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kesconf: invalid keystore config: more than once keystore specified (line ");
  }

  @Test
  void serverConfigTemplate_withoutItsEmptyBackends_parses() {
    // docs/configuration.md#keystore: every backend of the template is present but empty; remove
    // them all.
    String template = resource("server-config.yaml");
    String withoutBackends = template.substring(0, template.indexOf("\nkeystore:") + "\nkeystore:".length()) + "\n";
    ServerConfig c = parse(withoutBackends);

    assertThat(c.address()).isEqualTo("0.0.0.0:7373");
    assertThat(c.tls().password().isEmpty()).isTrue();
    assertThat(c.tls().verifyClients()).isFalse();
    assertThat(c.tls().ca()).isEmpty();
    assertThat(c.tls().proxyIdentities()).isEmpty();
    assertThat(c.tls().proxyCertHeader()).isEqualTo("X-Tls-Client-Cert");
    assertThat(c.api()).containsExactly(Map.entry("/v1/ready", new ApiRouteConfig(Duration.ofSeconds(15), false)));
    assertThat(c.policies()).containsOnlyKeys("my-app", "my-app-ops");
    assertThat(c.policies().get("my-app").allow())
        .containsExactly("/v1/key/create/my-app*", "/v1/key/generate/my-app*", "/v1/key/decrypt/my-app*");
    assertThat(c.policies().get("my-app").deny())
        .containsExactly("/v1/key/generate/my-app-internal*", "/v1/key/decrypt/my-app-internal*");
    assertThat(c.policies().get("my-app").identities())
        .containsExactly(ID_1, "c0ecd5962eaf937422268b80a93dde4786dc9783fb2480ddea0f3e5fe471a731");
    assertThat(c.policies().get("my-app-ops").deny()).isEmpty();
    assertThat(c.cache()).isEqualTo(new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(20), Duration.ZERO));
    assertThat(c.log()).isEqualTo(new LogConfig(LogConfig.INFO, LogConfig.OFF, false));
    assertThat(c.keys()).containsExactly("some-key-name", "another-key-name");
    assertThat(c.keyStore().backend()).isEqualTo("mem");
    assertThat(c.keyStore().isInMemory()).isTrue();
    assertThat(c.warnings()).extracting(ConfigWarning::message)
        .containsExactly("no keystore specified: keys are kept in memory and lost when the server stops");
  }

  @Test
  void serverConfigTemplate_withOnlyItsFsBackendFilledIn_parses() {
    String template = resource("server-config.yaml");
    String head = template.substring(0, template.indexOf("\nkeystore:"));
    ServerConfig c = parse(head + "\nkeystore:\n  fs:\n    path: \"/var/kes\"\n");
    assertThat(c.keyStore().backend()).isEqualTo("fs");
    assertThat(c.warnings()).isEmpty();
  }

  // --- YAML reading rules (docs/configuration.md#how-the-file-is-read)
  // ---------------------------------------------------------

  @Test
  void scalars_areTheirLiteralText() {
    ServerConfig c =
        parse(BASE.replace("path: /tmp/keys", "path: on") + "address: \":007\"\nkeys:\n  - name: yes\n  - name: \"007\"\n");
    assertThat(c.keyStore().config().string("path")).contains("on");
    assertThat(c.address()).isEqualTo(":007");
    assertThat(c.keys()).containsExactly("yes", "007");
  }

  @Test
  void onlyTheFirstDocumentCounts() {
    assertThat(parse(BASE + "---\nthis: is: not: yaml: [\n").admin().value()).isEqualTo(ADMIN);
  }

  @Test
  void emptyFile_fails() {
    assertFails("").hasMessage("kesconf: config file is empty");
    assertFails("# only a comment\n").hasMessage("kesconf: config file is empty");
  }

  @Test
  void notAMapping_fails() {
    assertFails("- a\n- b\n").hasMessage("kesconf: invalid config format: expected a mapping (line 1)");
  }

  @Test
  void syntaxError_failsWithItsLine() {
    assertFails(BASE + "policy: [\n").hasMessageStartingWith("yaml: line ");
  }

  @Test
  void duplicateKey_failsWithBothLines() {
    assertFails(BASE + "admin:\n  identity: x\n")
        .hasMessage("yaml: line 9: mapping key \"admin\" already defined at line 1");
    assertFails(BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  cert: other"))
        .hasMessage("yaml: line 6: mapping key \"cert\" already defined at line 5");
  }

  @Test
  void duplicateKey_inAnIgnoredSection_failsToo() {
    assertFails(BASE + "unknown:\n  a: 1\n  a: 2\n").hasMessage("yaml: line 11: mapping key \"a\" already defined at line 10");
  }

  @Test
  void typeMismatch_failsWithKeyAndLine() {
    assertFails(BASE.replace("key: ./server.key", "key:\n    nested: x"))
        .hasMessage("kesconf: tls.key: cannot unmarshal !!map into string (line 5)");
    assertFails(BASE + "keys:\n  name: a\n").hasMessage("kesconf: keys: cannot unmarshal !!map into a list (line 10)");
    assertFails(BASE + "tls2: x\npolicy:\n  p: [a]\n").hasMessage("kesconf: policy.p: cannot unmarshal !!seq into a mapping (line 11)");
    assertFails(BASE + "policy:\n  p:\n    allow: /v1/key/*\n")
        .hasMessage("kesconf: policy.p.allow: cannot unmarshal !!str into a list (line 11)");
    assertFails(BASE.replace("tls:\n", "tls: on\nx:\n")).hasMessage("kesconf: tls: cannot unmarshal !!str into a mapping (line 3)");
  }

  @Test
  void anchorsAliasesAndMergeKeys_work() {
    ServerConfig c =
        parse(
            BASE
                + """
                policy:
                  base: &base
                    allow: [/v1/key/create/*]
                    deny: [/v1/key/delete/*]
                  app:
                    <<: *base
                    identities: [%s]
                """
                    .formatted(ID_1));
    assertThat(c.policies().get("app")).isEqualTo(new PolicyConfig(List.of("/v1/key/create/*"), List.of("/v1/key/delete/*"), List.of(ID_1)));
  }

  @Test
  void nullValues_meanNotSet() {
    ServerConfig c = parse(BASE + "address: ~\ncache:\nlog:\n  error: null\napi:\npolicy:\nkeys:\n");
    assertThat(c.address()).isEmpty();
    assertThat(c.cache()).isEqualTo(CacheConfig.defaults());
    assertThat(c.log()).isEqualTo(LogConfig.defaults());
    assertThat(c.api()).isEmpty();
    assertThat(c.warnings()).isEmpty();
  }

  // --- version (docs/configuration.md#how-the-file-is-read)
  // -------------------------------------------------------------

  @Test
  void version_v1OrAbsent_isAccepted() {
    assertThat(parse("version: v1\n" + BASE).admin().value()).isEqualTo(ADMIN);
    assertThat(parse(BASE).admin().value()).isEqualTo(ADMIN);
  }

  @Test
  void version_other_fails() {
    assertFails("version: v2\n" + BASE).hasMessage("edge: invalid server config version 'v2' (line 1)");
    assertFails("version: V1\n" + BASE).hasMessage("edge: invalid server config version 'V1' (line 1)");
    assertThatThrownBy(() -> parse("version: ${V}\n" + BASE, Map.of("V", "v1")))
        .hasMessage("edge: invalid server config version '${V}' (line 1)");
    assertFails("version: [v1]\n" + BASE).hasMessage("kesconf: invalid config version at line '1'");
  }

  @Test
  void version_isCheckedBeforeTheRest() {
    assertFails("version: v0\nadmin:\n").hasMessage("edge: invalid server config version 'v0' (line 1)");
  }

  // --- unknown keys ---------------------------------------------------------------------------------

  @Test
  void unknownKeys_warnWithTheirLine() {
    ServerConfig c =
        parse(
            BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  pasword: x")
                + "adress: 1.2.3.4:7373\ncache:\n  expiry:\n    anny: 1m\n  other: 1\nkeystore2: {}\n");
    assertThat(c.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly(
            "unknown key 'tls.pasword' (line 6)",
            "unknown key 'cache.expiry.anny' (line 13)",
            "unknown key 'cache.other' (line 14)",
            "unknown key 'adress' (line 10)",
            "unknown key 'keystore2' (line 15)");
    assertThat(c.warnings().get(0).key()).isEqualTo("tls.pasword");
  }

  @Test
  void unknownKeys_inDocumentedBackends_warn() {
    ServerConfig c = parse(BASE.replace("path: /tmp/keys", "path: /tmp/keys\n    paht: x"));
    assertThat(c.warnings()).extracting(ConfigWarning::toString).containsExactly("unknown key 'keystore.fs.paht' (line 9)");
  }

  @Test
  void thePostgresSection_isChecked_likeADocumentedBackend() {
    String base = BASE.substring(0, BASE.indexOf("keystore:"));
    ServerConfig c =
        parse(
            base
                + "keystore:\n  postgres:\n    url: jdbc:postgresql://db/kes\n"
                + "    credentials: {user: kes, pasword: x}\n    query_timeout: 5s\n");
    assertThat(c.keyStore().backend()).isEqualTo("postgres");
    assertThat(c.keyStore().config().string("url")).contains("jdbc:postgresql://db/kes");
    assertThat(c.warnings())
        .extracting(ConfigWarning::message)
        .containsExactly("unknown key 'keystore.postgres.credentials.pasword'");
    assertThatThrownBy(() -> parse(base + "keystore:\n  postgres:\n    credentials: {user: kes}\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("kesconf: invalid postgres keystore: no url specified");
    assertThatThrownBy(
            () -> parse(base + "keystore:\n  postgres:\n    url: u\n    connect_timeout: soon\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keystore.postgres.connect_timeout");
  }

  @Test
  void ignoredKeysOfOlderVersions_warn() {
    ServerConfig c =
        parse(
            BASE.replace("fs:\n    path: /tmp/keys", "gemalto:\n    keysecure:\n      endpoint: https://k\n      credentials:\n        token: t\n        retry: 15s"));
    assertThat(c.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly("keystore.gemalto.keysecure.credentials.retry is ignored (as by KES) (line 12)");
  }

  // --- overrides (kes server flags) ---------------------------------------------------------------

  @Test
  void overrides_replaceTheFileBeforeValidation() {
    String noTls = BASE.replace("  key: ./server.key\n  cert: ./server.cert\n", "  auth: bogus\n");
    ServerConfig c =
        ConfigParser.builder()
            .environment(k -> null)
            .address("127.0.0.1:7000")
            .tlsKey("/etc/kes/key.pem")
            .tlsCert("/etc/kes/cert.pem")
            .tlsAuth("on")
            .build()
            .parse(noTls + "address: nonsense\n");
    assertThat(c.address()).isEqualTo("127.0.0.1:7000");
    assertThat(c.tls().privateKey()).isEqualTo(Path.of("/etc/kes/key.pem"));
    assertThat(c.tls().certificate()).isEqualTo(Path.of("/etc/kes/cert.pem"));
    assertThat(c.tls().verifyClients()).isTrue();
    assertThat(c.warnings()).isEmpty();
  }

  // --- secrets ------------------------------------------------------------------------------------

  @Test
  void toString_redactsTlsPasswordAndKeyStoreValues() {
    ServerConfig c =
        parse(
            BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  password: ${PW}")
                .replace(
                    "fs:\n    path: /tmp/keys",
                    "vault:\n    endpoint: https://vault:8200\n    approle:\n      id: role-id-value\n      secret: ${SECRET}"),
            Map.of("PW", "tls-password-value", "SECRET", "approle-secret-value"));
    assertThat(new String(c.tls().password().chars())).isEqualTo("tls-password-value");
    assertThat(c.keyStore().config().child("approle").orElseThrow().secret("secret")).contains("approle-secret-value");
    String text = c.toString();
    assertThat(text)
        .doesNotContain("tls-password-value")
        .doesNotContain("approle-secret-value")
        .doesNotContain("role-id-value")
        .doesNotContain("https://vault:8200")
        .contains("Secret[redacted]")
        .contains("keystore.vault");
  }

  @Test
  void secretErrors_neverEchoTheSecret() {
    assertThatThrownBy(
            () ->
                parse(
                    BASE.replace(
                        "fs:\n    path: /tmp/keys",
                        "vault:\n    endpoint: https://vault:8200\n    approle:\n      id: x\n      secret:\n        s3cr3t: s3cr3t"),
                    Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("kesconf: keystore.vault.approle.secret: cannot unmarshal !!map into string (line 12)")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void parse_missingFile_failsWithItsName(@org.junit.jupiter.api.io.TempDir Path dir) {
    Path missing = dir.resolve("config.yml");
    assertThatThrownBy(() -> ConfigParser.builder().build().parse(missing))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void parse_file() throws IOException {
    Path file = java.nio.file.Files.createTempFile("kes-config", ".yml");
    try {
      java.nio.file.Files.writeString(file, BASE);
      assertThat(ConfigParser.builder().build().parse(file).keyStore().backend()).isEqualTo("fs");
    } finally {
      java.nio.file.Files.delete(file);
    }
  }

  @Test
  void optionalTlsFields() {
    ServerConfig c =
        parse(
            BASE.replace(
                "cert: ./server.cert",
                "cert: ./server.cert\n  auth: ON\n  ca: /etc/kes/ca\n  proxy:\n    identities: [%s]\n    header:\n      cert: X-Forwarded-Cert"
                    .formatted(ID_2)));
    assertThat(c.tls().verifyClients()).isTrue();
    assertThat(c.tls().ca()).isEqualTo(Optional.of(Path.of("/etc/kes/ca")));
    assertThat(c.tls().proxyIdentities()).containsExactly(ID_2);
    assertThat(c.tls().proxyCertHeader()).isEqualTo("X-Forwarded-Cert");
    assertThat(c.clientAuth()).isEqualTo(ClientAuth.REQUIRE_AND_VERIFY);
  }

  @Test
  void skipAuth_downgradesClientAuth() {
    String api = "api:\n  /v1/status:\n    skip_auth: true\n";
    assertThat(parse(BASE + api).clientAuth()).isEqualTo(ClientAuth.REQUEST);
    assertThat(parse(BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  auth: on") + api).clientAuth())
        .isEqualTo(ClientAuth.VERIFY_IF_GIVEN);
    assertThat(parse(BASE + "api:\n  /v1/status:\n    skip_auth: false\n").clientAuth()).isEqualTo(ClientAuth.REQUIRE_ANY);
  }
}

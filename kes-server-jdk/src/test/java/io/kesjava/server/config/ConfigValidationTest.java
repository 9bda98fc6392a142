package io.kesjava.server.config;

import static io.kesjava.server.config.ConfigParserTest.ADMIN;
import static io.kesjava.server.config.ConfigParserTest.BASE;
import static io.kesjava.server.config.ConfigParserTest.ID_1;
import static io.kesjava.server.config.ConfigParserTest.ID_2;
import static io.kesjava.server.config.ConfigParserTest.assertFails;
import static io.kesjava.server.config.ConfigParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every parse-time check of {@code docs/configuration.md#when-things-are-checked}, with its message
 * and line.
 */
class ConfigValidationTest {

  private static String withKeystore(String keystore) {
    return BASE.substring(0, BASE.indexOf("keystore:")) + "keystore:\n" + keystore;
  }

  @Test
  void admin_missingOrEmpty() {
    assertFails(BASE.replace("  identity: " + ADMIN + "\n", "  identity: \"\"\n"))
        .hasMessage("kesconf: invalid admin identity: no admin identity (line 2)");
    assertFails(BASE.replace("admin:\n  identity: " + ADMIN + "\n", ""))
        .hasMessage("kesconf: invalid admin identity: no admin identity");
    assertFails(BASE.replace("  identity: " + ADMIN + "\n", "  identity: ${EMPTY}\n").replace("X", ""))
        .hasMessageContaining("referenced env. variable 'EMPTY'");
  }

  @Test
  void admin_disabledPlaceholder_isAccepted() {
    assertThat(parse(BASE.replace(ADMIN, "disabled")).admin().isHex()).isFalse();
  }

  @Test
  void tls_keyAndCertRequired() {
    assertFails(BASE.replace("  key: ./server.key\n", "")).hasMessage("kesconf: invalid tls config: no private key (line 3)");
    assertFails(BASE.replace("key: ./server.key", "key: \"\"")).hasMessage("kesconf: invalid tls config: no private key (line 4)");
    assertFails(BASE.replace("  cert: ./server.cert\n", "")).hasMessage("kesconf: invalid tls config: no certificate (line 3)");
    assertFails(BASE.replace("tls:\n  key: ./server.key\n  cert: ./server.cert\n", ""))
        .hasMessage("kesconf: invalid tls config: no private key");
  }

  @ParameterizedTest
  @CsvSource({"on, true", "off, false", "ON, true", "Off, false", "'\"\"', false"})
  void tls_auth_onOffOrEmpty(String value, boolean verify) {
    assertThat(parse(BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  auth: " + value)).tls().verifyClients())
        .isEqualTo(verify);
  }

  @ParameterizedTest
  @CsvSource({"true", "yes", "verify", "1"})
  void tls_auth_otherValues_fail(String value) {
    assertFails(BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  auth: " + value))
        .hasMessage("kesconf: invalid tls config: invalid auth '" + value + "' (line 6)");
  }

  @Test
  void tls_proxyIdentityIsAdmin_fails() {
    assertFails(BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  proxy:\n    identities:\n      - " + ADMIN))
        .hasMessage("kesconf: invalid tls proxy: identity '" + ADMIN + "' is already admin (line 8)");
  }

  @Test
  void policy_identityIsAdminOrProxy_fails() {
    assertFails(BASE + "policy:\n  p:\n    identities: [" + ADMIN + "]\n")
        .hasMessage("kesconf: invalid policy 'p': identity '" + ADMIN + "' is already admin (line 11)");
    String proxy = BASE.replace("cert: ./server.cert", "cert: ./server.cert\n  proxy:\n    identities: [" + ID_1 + "]");
    assertFails(proxy + "policy:\n  p:\n    identities:\n      - " + ID_1 + "\n")
        .hasMessage("kesconf: invalid policy 'p': identity '" + ID_1 + "' is already a TLS proxy (line 14)");
  }

  @Test
  void policy_namesAndIdentities_followTheNameRule() {
    assertFails(BASE + "policy:\n  my.policy:\n    allow: []\n")
        .hasMessage("kes: policy name 'my.policy' is empty, too long or contains invalid characters (line 10)");
    assertFails(BASE + "policy:\n  p:\n    identities: [\"not/an/identity\"]\n")
        .hasMessage("kes: identity 'not/an/identity' is empty, too long or contains invalid characters (line 11)");
  }

  @Test
  void policy_identityInTwoPolicies_fails() {
    assertFails(BASE + "policy:\n  a:\n    identities: [" + ID_1 + "]\n  b:\n    identities: [" + ID_2 + ", " + ID_1 + "]\n")
        .hasMessage("kes: cannot assign policy 'b' to '" + ID_1 + "': identity already has a policy (line 13)");
  }

  @Test
  void policy_sameIdentityTwiceInOnePolicy_isAccepted() {
    assertThat(parse(BASE + "policy:\n  a:\n    identities: [" + ID_1 + ", " + ID_1 + "]\n").policies().get("a").identities())
        .containsExactly(ID_1, ID_1);
  }

  @Test
  void cache_negativeExpiries_fail() {
    assertFails(BASE + "cache:\n  expiry:\n    any: -5m\n").hasMessage("kesconf: invalid cache expiry '-5m0s' (line 11)");
    assertFails(BASE + "cache:\n  expiry:\n    unused: -1s\n").hasMessage("kesconf: invalid cache unused expiry '-1s' (line 11)");
    assertFails(BASE + "cache:\n  expiry:\n    offline: -1h30m\n")
        .hasMessage("kesconf: invalid offline cache expiry '-1h30m0s' (line 11)");
  }

  @Test
  void log_invalidLevels_fail() {
    assertFails(BASE + "log:\n  error: LOUD+1\n").hasMessage("kesconf: invalid log level 'LOUD+1' (line 10)");
    assertFails(BASE + "log:\n  error: INFO+x\n")
        .hasMessage("kesconf: invalid log level suffix 'X': strconv.Atoi: parsing \"X\": invalid syntax (line 10)");
    assertFails(BASE + "log:\n  audit: true\n")
        .hasMessage("strconv.Atoi: parsing \"TRUE\": invalid syntax (line 10)");
    assertFails(BASE + "log:\n  audit: DEBUG-2\n")
        .hasMessage("strconv.Atoi: parsing \"DEBUG-2\": invalid syntax (line 10)");
    // neither a name nor an integer: Go's bare strconv.Atoi error (docs/configuration.md#log)
    assertFails(BASE + "log:\n  error: ' loud '\n")
        .hasMessage("strconv.Atoi: parsing \"LOUD\": invalid syntax (line 10)");
    assertFails(BASE + "log:\n  error: 99999999999\n")
        .hasMessage("strconv.Atoi: parsing \"99999999999\": value out of range (line 10)");
  }

  @Test
  void log_errorIsCheckedBeforeAudit() {
    assertFails(BASE + "log:\n  audit: bad\n  error: worse\n").hasMessageContaining("\"WORSE\"");
  }

  @Test
  void api_negativeTimeout_fails() {
    assertFails(BASE + "api:\n  /v1/status:\n    timeout: -1s\n")
        .hasMessage("kesconf: invalid timeout '-1000000000' for API '/v1/status' (line 11)");
  }

  @Test
  void keys_duplicatesAndInvalidNames_fail() {
    assertFails(BASE + "keys:\n  - name: a\n  - name: b\n  - name: a\n")
        .hasMessage("kesconf: invalid key config: key 'a' is defined multiple times (line 12)");
    assertFails(BASE + "keys:\n  - name: my.key\n")
        .hasMessage("kesconf: invalid key config: key name 'my.key' is empty, too long or contains invalid characters (line 10)");
    assertFails(BASE + "keys:\n  - other: x\n")
        .hasMessage("kesconf: invalid key config: key name '' is empty, too long or contains invalid characters (line 10)");
  }

  @Test
  void address_mustBeAnIpAndPort() {
    assertFails(BASE + "address: localhost:7373\n")
        .hasMessage("kesconf: invalid address 'localhost:7373': 'localhost' is not a valid IP address (line 9)");
    assertFails(BASE + "address: \"7373\"\n").hasMessageContaining("missing port in address");
    assertThat(parse(BASE + "address: \"[::1]:7373\"\n").address()).isEqualTo("[::1]:7373");
    assertThat(parse(BASE + "address: :7373\n").address()).isEqualTo(":7373");
  }

  @Test
  void checks_runInKesOrder() {
    // admin (#3) is reported before tls (#4) and before the cache (#9)
    assertFails("admin: {identity: \"\"}\ntls: {}\ncache: {expiry: {any: -1s}}\n")
        .hasMessageStartingWith("kesconf: invalid admin identity");
    assertFails("admin: {identity: x}\ntls: {key: k, cert: c}\ncache: {expiry: {any: -1s}}\nlog: {error: bad}\n")
        .hasMessageStartingWith("kesconf: invalid cache expiry");
  }

  // --- keystore (docs/configuration.md#keystore)
  // ------------------------------------------------------------------

  @Test
  void keystore_moreThanOne_failsAtTheSecond() {
    assertFails(withKeystore("  fs:\n    path: /a\n  vault:\n    endpoint: https://v\n"))
        .hasMessage("kesconf: invalid keystore config: more than once keystore specified (line 9)");
  }

  @Test
  void keystore_wrapperWithoutInnerSection_countsAsAbsent() {
    ServerConfig c = parse(withKeystore("  aws:\n    kms: x\n"));
    assertThat(c.keyStore().backend()).isEqualTo("mem");
    assertThat(c.warnings()).extracting(ConfigWarning::toString)
        .containsExactly("unknown key 'keystore.aws.kms' (line 8)", "no keystore specified: keys are kept in memory and lost when the server stops (line 6)");
  }

  @Test
  void keystore_kesSectionIsIgnored() {
    ServerConfig c = parse(withKeystore("  kes:\n    endpoint: [https://a]\n"));
    assertThat(c.keyStore().backend()).isEqualTo("mem");
    assertThat(c.warnings()).extracting(ConfigWarning::message).first().asString().contains("keystore.kes is ignored");
  }

  @Test
  void keystore_otherBackend_isPassedOnUnchecked() {
    ServerConfig c = parse(withKeystore("  acme:\n    url: ${URL}\n    nested: {a: [x, '${URL}']}\n"), java.util.Map.of("URL", "https://acme"));
    assertThat(c.keyStore().backend()).isEqualTo("acme");
    assertThat(c.keyStore().config().path()).isEqualTo("keystore.acme");
    assertThat(c.keyStore().config().string("url")).contains("https://acme");
    assertThat(c.keyStore().config().child("nested").orElseThrow().strings("a")).containsExactly("x", "https://acme");
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void keystore_explicitMem_warnsThatKeysAreLost() {
    ServerConfig c = parse(withKeystore("  mem: {}\n"));
    assertThat(c.keyStore().backend()).isEqualTo("mem");
    assertThat(c.warnings()).extracting(ConfigWarning::message).containsExactly("keys are kept in memory and lost when the server stops");
  }

  @Test
  void keystore_fs() {
    assertFails(withKeystore("  fs:\n    path: \"\"\n")).hasMessage("kesconf: invalid fs keystore: no path specified (line 8)");
  }

  @Test
  void keystore_vault() {
    String p = "kesconf: invalid vault keystore: ";
    assertFails(withKeystore("  vault:\n    engine: kv\n")).hasMessage(p + "no endpoint specified (line 7)");
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n"))
        .hasMessage(p + "no authentication method specified (line 7)");
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n    approle: {id: a, secret: b}\n    kubernetes: {jwt: j}\n"))
        .hasMessage(p + "more than one authentication method specified (line 10)");
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n    approle:\n      secret: s\n"))
        .hasMessage(p + "invalid approle config: no approle ID specified (line 9)");
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n    approle:\n      id: i\n"))
        .hasMessage(p + "invalid approle config: no approle secret specified (line 9)");
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n    kubernetes:\n      role: r\n"))
        .hasMessage(p + "invalid kubernetes config: no JWT specified (line 9)");
    String auth = "  vault:\n    endpoint: https://v\n    approle: {id: a, secret: b}\n";
    assertFails(withKeystore(auth + "    transit:\n      engine: t\n"))
        .hasMessage(p + "invalid transit config: no key name specified (line 10)");
    assertFails(withKeystore(auth + "    tls:\n      key: k.pem\n"))
        .hasMessage(p + "invalid tls config: no TLS certificate provided (line 11)");
    assertFails(withKeystore(auth + "    tls:\n      cert: c.pem\n"))
        .hasMessage(p + "invalid tls config: no TLS private key provided (line 11)");
    assertFails(withKeystore(auth + "    status:\n      ping: -1s\n")).hasMessage(p + "invalid status ping '-1s' (line 11)");
    assertFails(withKeystore(auth + "    status:\n      ping: 10\n"))
        .hasMessage("kesconf: keystore.vault.status.ping: cannot unmarshal !!int `10` into time.Duration (line 11)");
  }

  @Test
  void keystore_vault_kubernetesJwtPath_mustBeReadable(@TempDir Path dir) throws Exception {
    String missing = dir.resolve("missing-token").toString();
    assertFails(withKeystore("  vault:\n    endpoint: https://v\n    kubernetes:\n      jwt: " + missing + "\n"))
        .hasMessage("kesconf: failed to read vault kubernetes JWT from '" + missing + "': no such file or directory (line 10)");
    Path token = Files.writeString(dir.resolve("token"), "jwt");
    ServerConfig c = parse(withKeystore("  vault:\n    endpoint: https://v\n    kubernetes:\n      jwt: " + token + "\n"));
    assertThat(c.keyStore().config().child("kubernetes").orElseThrow().string("jwt")).contains(token.toString());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fortanix: {sdkms: {credentials: {key: k}}}|kesconf: invalid fortanix SDKMS keystore: no endpoint specified",
        "fortanix: {sdkms: {endpoint: e}}|kesconf: invalid fortanix SDKMS keystore: no API key specified",
        "aws: {secretsmanager: {region: r}}|kesconf: invalid AWS secretsmanager keystore: no endpoint specified",
        "aws: {secretsmanager: {endpoint: e}}|kesconf: invalid AWS secretsmanager keystore: no region specified",
        "gemalto: {keysecure: {credentials: {token: t}}}|kesconf: invalid gemalto keysecure keystore: no endpoint specified",
        "gemalto: {keysecure: {endpoint: e}}|kesconf: invalid gemalto keysecure keystore: no token specified",
        "gcp: {secretmanager: {endpoint: e}}|kesconf: invalid GCP secretmanager keystore: no project ID specified",
        "azure: {keyvault: {credentials: {}}}|kesconf: invalid Azure keyvault keystore: no endpoint specified",
        "azure: {keyvault: {endpoint: e, credentials: {client_id: c}, managed_identity: {client_id: c}}}|kesconf: invalid Azure keyvault keystore: more than one authentication method specified",
        "azure: {keyvault: {endpoint: e, credentials: {client_id: c, client_secret: s}}}|kesconf: invalid Azure keyvault keystore: no tenant ID specified",
        "azure: {keyvault: {endpoint: e, credentials: {tenant_id: t, client_secret: s}}}|kesconf: invalid Azure keyvault keystore: no client ID specified",
        "azure: {keyvault: {endpoint: e, credentials: {tenant_id: t, client_id: c}}}|kesconf: invalid Azure keyvault keystore: no client secret specified",
        "azure: {keyvault: {endpoint: e, managed_identity: {}}}|kesconf: invalid Azure keyvault keystore: no client ID specified",
        "entrust: {keycontrol: {vault_id: v}}|kesconf: invalid Entrust KeyControl keystore: no endpoint specified",
        "entrust: {keycontrol: {endpoint: e}}|kesconf: invalid Entrust KeyControl keystore: no vault ID specified",
        "entrust: {keycontrol: {endpoint: e, vault_id: v}}|kesconf: invalid Entrust KeyControl keystore: no box ID specified",
        "entrust: {keycontrol: {endpoint: e, vault_id: v, box_id: b}}|kesconf: invalid Entrust KeyControl keystore: no username specified",
        "entrust: {keycontrol: {endpoint: e, vault_id: v, box_id: b, credentials: {username: u}}}|kesconf: invalid Entrust KeyControl keystore: no password specified",
      })
  void keystore_cloudBackends(String section, String message) {
    assertFails(withKeystore("  " + section + "\n")).hasMessage(message + " (line 7)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "fortanix: {sdkms: {endpoint: e, group_id: g, credentials: {key: k}, tls: {ca: c}}}|fortanix",
        "aws: {secretsmanager: {endpoint: e, region: r, kmskey: k, credentials: {accesskey: a, secretkey: s, token: t}}}|aws",
        "gemalto: {keysecure: {endpoint: e, credentials: {token: t, domain: d}, tls: {ca: c}}}|gemalto",
        "gcp: {secretmanager: {project_id: p, endpoint: e, scopes: [a, b], credentials: {client_email: e, client_id: i, private_key_id: k, private_key: p}}}|gcp",
        "azure: {keyvault: {endpoint: e, credentials: {tenant_id: t, client_id: c, client_secret: s}, purge_on_delete: on}}|azure",
        "azure: {keyvault: {endpoint: e, managed_identity: {client_id: c}}}|azure",
        "azure: {keyvault: {endpoint: e}}|azure",
        "entrust: {keycontrol: {endpoint: e, vault_id: v, box_id: b, credentials: {username: u, password: p}, tls: {ca: c}}}|entrust",
      })
  void keystore_completeCloudBackends_parseWithoutWarnings(String section, String backend) {
    ServerConfig c = parse(withKeystore("  " + section + "\n"));
    assertThat(c.keyStore().backend()).isEqualTo(backend);
    assertThat(c.keyStore().config().path()).isEqualTo("keystore." + backend);
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void keystore_gcpScopesMustBeAList() {
    assertFails(withKeystore("  gcp: {secretmanager: {project_id: p, scopes: a}}\n"))
        .hasMessage("kesconf: keystore.gcp.secretmanager.scopes: cannot unmarshal !!str into []string (line 7)");
  }
}

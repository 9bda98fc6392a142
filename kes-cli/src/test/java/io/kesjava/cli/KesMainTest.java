package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kes} as a user runs it, against a real server in-process ({@code
 * docs/cli.md#exit-status-and-errors}).
 */
class KesMainTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static CliServer server;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = new CliServer();
    env = server.adminEnv();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static void assertError(Result r, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: " + message + "\n");
    assertThat(r.out()).isEmpty();
  }

  // ---- usage and errors ----

  @Test
  void bareCommandsAndHelp_printUsageToStderr_withStatus2() {
    for (String[] args : new String[][] {{}, {"key"}, {"policy"}, {"--help"}, {"key", "-h"},
        {"identity", "--help"}, {"key", "create", "--help"}}) {
      Result r = kes(env, args);
      assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.err()).contains("Usage:");
      assertThat(r.out()).isEmpty();
    }
    assertThat(kes(env, "--help").err()).contains("server", "ls", "key", "policy", "identity",
        "log", "status", "metric", "migrate");
    assertThat(kes(env, "identity", "--help").err()).contains("new", "of", "info", "ls");
  }

  @Test
  void unknownCommandsAndOptions_failWithOneLine() {
    assertError(kes(env, "nope"), "\"nope\" is not a kes command. See 'kes --help'");
    assertError(kes(env, "key", "nope"), "\"nope\" is not a key command. See 'kes key --help'");
    assertError(kes(env, "key", "ls", "--nope", "-k"),
        "unknown option or argument '--nope'. See 'kes key ls --help'");
  }

  @Test
  void credentials_followKesRules() {
    assertError(kes(Map.of("KES_SERVER", server.address()), "key", "ls", "-k"),
        "no API key specified. Consider setting MINIO_KES_API_KEY");
    assertError(kes(Map.of("KES_API_KEY", "kes:v1:x", "KES_CLIENT_CERT", "c"), "status"),
        "API key and certificate file cannot be used at the same time");
    assertError(kes(Map.of("KES_API_KEY", "kes:v1:x", "KES_CLIENT_KEY", "k"), "status"),
        "API key and private key file cannot be used at the same time");
    assertError(kes(Map.of("KES_CLIENT_KEY", "k"), "status"),
        "no certificate file specified. Consider setting MINIO_KES_CERT_FILE");
    assertError(kes(Map.of("KES_CLIENT_CERT", "c"), "status"),
        "no private key file specified. Consider setting MINIO_KES_KEY_FILE");
    // The first variable that is set wins, even when empty.
    assertError(kes(Map.of("MINIO_KES_API_KEY", "", "KES_API_KEY", "kes:v1:x"), "status"),
        "no API key specified. Consider setting MINIO_KES_API_KEY");
  }

  @Test
  void clientCertificateFiles_fromTheEnvironment_work(@TempDir Path dir) throws Exception {
    // The admin's API key as a private key file with a certificate: the same identity.
    java.security.cert.X509Certificate cert = server.admin.certificate();
    Path certFile = dir.resolve("client.crt");
    Path keyFile = dir.resolve("client.key");
    Files.writeString(certFile, Pem.encodeCertificate(cert));
    Files.writeString(keyFile, Pem.encodePrivateKey(server.admin.privateKey()));
    Map<String, String> files = Map.of("KES_SERVER", server.address(),
        "KES_CLIENT_CERT", certFile.toString(), "KES_CLIENT_KEY", keyFile.toString());
    assertThat(kes(files, "identity", "info", "-k").out()).contains("Role        Admin\n");

    Path encrypted = dir.resolve("encrypted.key");
    Files.writeString(encrypted, Pem.encodeEncryptedPrivateKey(server.admin.privateKey(),
        "pw".toCharArray()));
    Map<String, String> enc = Map.of("KES_SERVER", server.address(),
        "KES_CLIENT_CERT", certFile.toString(), "KES_CLIENT_KEY", encrypted.toString());
    assertError(kes(enc, "status", "-k"), "private key '" + encrypted
        + "' is encrypted, and there is no terminal to ask for its password");
    Result asked = CliServer.kes(enc, prompt -> "pw".toCharArray(), "status", "-k", "-s");
    assertThat(asked.out()).isEqualTo("● " + server.address() + "\n");
    assertError(CliServer.kes(enc, prompt -> "nope".toCharArray(), "status", "-k"),
        "incorrect password");
  }

  @Test
  void anUntrustedServer_isRejected_unlessInsecure() {
    Result r = kes(env, "status", "--json");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: failed to fetch status: ").contains(server.address())
        .endsWith("\n").hasLineCount(1);
    assertThat(kes(env, "status", "--json", "-k").status()).isZero();
  }

  // ---- keys ----

  @Test
  void keyLifecycle_createInfoLsRm() throws Exception {
    assertThat(kes(env, "key", "create", "-k", "life-a", "life-b")).isEqualTo(new Result(0, "", ""));
    assertThat(kes(env, "key", "ls", "-k", "life-*")).isEqualTo(new Result(0, "Key\nlife-a\nlife-b\n",
        ""));
    assertThat(kes(env, "key", "ls", "-k", "--json", "life")).isEqualTo(new Result(0,
        "[\"life-a\",\"life-b\"]\n", ""));
    assertThat(kes(env, "key", "ls", "-k", "nothing-here").out()).isEmpty();
    JsonNode info = json(kes(env, "key", "info", "-k", "--json", "life-a").out());
    assertThat(info.get("name").asText()).isEqualTo("life-a");
    assertThat(info.get("algorithm").asText()).isEqualTo("AES256");
    assertThat(info.get("created_by").asText()).isEqualTo(server.admin.identity().value());
    assertThat(info.get("created_at").asText()).endsWith("Z");
    assertThat(kes(env, "key", "info", "-k", "life-a").out())
        .startsWith("Name       life-a\nAlgorithm  AES256\nDate       ")
        .endsWith("Owner      " + server.admin.identity().value() + "\n");
    assertError(kes(env, "key", "create", "-k", "life-a"),
        "failed to create key \"life-a\": key already exists");
    assertThat(kes(env, "key", "rm", "-k", "life-a", "life-b").status()).isZero();
    assertError(kes(env, "key", "info", "-k", "life-a"),
        "failed to describe key \"life-a\": key does not exist");
    assertError(kes(env, "key", "rm", "-k", "life-a"),
        "failed to remove key \"life-a\": key does not exist");
    assertError(kes(env, "key", "create", "-k", "bad.name"), "failed to create key \"bad.name\": "
        + "key name 'bad.name' is empty, too long or contains invalid characters");
  }

  @Test
  void keyArguments_areCheckedBeforeConnecting() {
    Map<String, String> none = Map.of();
    assertError(kes(none, "key", "create"), "no key name specified. See 'kes key create --help'");
    assertError(kes(none, "key", "import", "k"),
        "no crypto key specified. See 'kes key import --help'");
    assertError(kes(none, "key", "import", "k", "a", "b"),
        "too many arguments. See 'kes key import --help'");
    assertThat(kes(none, "key", "import", "k", "!!").err())
        .startsWith("Error: invalid key: ").endsWith(". See 'kes key import --help'\n");
    assertError(kes(none, "key", "info", "a", "b"), "too many arguments. See 'kes key info --help'");
  }

  @Test
  void encryptDecryptAndDek_printJsonForScripts() throws Exception {
    kes(env, "key", "create", "-k", "cli-crypto");
    Result enc = kes(env, "key", "encrypt", "-k", "cli-crypto", "hello world");
    assertThat(enc.status()).isZero();
    assertThat(enc.out()).startsWith("{\"ciphertext\":\"").endsWith("\"}\n").hasLineCount(1);
    String ct = json(enc.out()).get("ciphertext").asText();
    Result dec = kes(env, "key", "decrypt", "-k", "cli-crypto", ct);
    assertThat(dec.out()).isEqualTo("{\"plaintext\":\""
        + Base64.getEncoder().encodeToString("hello world".getBytes()) + "\"}\n");
    String ctx = Base64.getEncoder().encodeToString("ctx".getBytes());
    Result dekRun = kes(env, "key", "dek", "-k", "cli-crypto", ctx);
    assertThat(dekRun.out()).matches(
        "\\{\"plaintext\":\"[A-Za-z0-9+/=]+\",\"ciphertext\":\"[A-Za-z0-9+/=]+\"}\n");
    JsonNode dek = json(dekRun.out());
    String dekCt = dek.get("ciphertext").asText();
    assertThat(json(kes(env, "key", "decrypt", "-k", "cli-crypto", dekCt, ctx).out())
        .get("plaintext").asText()).isEqualTo(dek.get("plaintext").asText());
    assertError(kes(env, "key", "decrypt", "-k", "cli-crypto", dekCt),
        "failed to decrypt ciphertext: decryption failed: ciphertext is not authentic");
  }

  @Test
  void encryptAndDek_printTextOnATerminal() {
    kes(env, "key", "create", "-k", "cli-term");
    assertThat(kes(env, true, "key", "encrypt", "-k", "cli-term", "x").out())
        .matches("\nciphertext: [A-Za-z0-9+/=]+\n");
    assertThat(kes(env, true, "key", "dek", "-k", "cli-term").out())
        .matches("\nplaintext:  [A-Za-z0-9+/=]+\nciphertext: [A-Za-z0-9+/=]+\n");
  }

  @Test
  void keyRotate_thenInfoListsVersions_andDekNamesItsVersion() throws Exception {
    kes(env, "key", "create", "-k", "cli-rot");
    assertThat(kes(env, "key", "info", "-k", "cli-rot").out()).doesNotContain("Version");
    assertThat(kes(env, "key", "rotate", "-k", "cli-rot"))
        .isEqualTo(new Result(0, "{\"name\":\"cli-rot\",\"version\":\"2\"}\n", ""));
    assertThat(kes(env, true, "key", "rotate", "-k", "cli-rot").out())
        .isEqualTo("Rotated key 'cli-rot': version 3 is current\n");
    JsonNode info = json(kes(env, "key", "info", "-k", "--json", "cli-rot").out());
    assertThat(info.get("version").asText()).isEqualTo("3");
    assertThat(info.get("versions")).hasSize(3);
    assertThat(info.get("versions").get(2).get("created_by").asText())
        .isEqualTo(server.admin.identity().value());
    assertThat(kes(env, "key", "info", "-k", "cli-rot").out())
        .contains("Version    3\nVersions\n  1        ", "\n  2        ", "\n  3        ");
    JsonNode dek = json(kes(env, "key", "dek", "-k", "cli-rot").out());
    assertThat(dek.get("version").asText()).isEqualTo("3");
    assertThat(kes(env, true, "key", "dek", "-k", "cli-rot").out())
        .matches("\nplaintext:  [A-Za-z0-9+/=]+\nciphertext: [A-Za-z0-9+/=]+\nversion:    3\n");
    assertError(kes(env, "key", "rotate", "-k", "cli-missing"),
        "failed to rotate key \"cli-missing\": key does not exist");
    assertError(kes(Map.of(), "key", "rotate"),
        "no key name specified. See 'kes key rotate --help'");
  }

  @Test
  void importedKey_decryptsAKnownCiphertext() {
    String zeros = Base64.getEncoder().encodeToString(new byte[32]);
    assertThat(kes(env, "key", "import", "-k", "cli-imported", zeros).status()).isZero();
    assertThat(kes(env, "key", "decrypt", "-k", "cli-imported",
        "Tq5IFqwCstqmR5cBrIsY4s8BLP2NYreR0Oi9EN4XfJUAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob").out())
        .isEqualTo("{\"plaintext\":\"" + Base64.getEncoder().encodeToString(new byte[16])
            + "\"}\n");
  }

  // ---- kes ls (the end-to-end test is LsMigrateProcessTest) ----

  @Test
  void ls_listsKeysPoliciesAndIdentities() {
    kes(env, "key", "create", "-k", "ls-a", "ls-b");
    assertThat(kes(env, "ls", "-k", "ls")).isEqualTo(new Result(0, "Key\nls-a\nls-b\n", ""));
    // As in KES, a prefix must be a valid listing pattern: no '-' at its end.
    assertError(kes(env, "ls", "-k", "ls-"),
        "listing pattern 'ls-' is empty, too long or is invalid");
    assertThat(kes(env, "ls", "-k", "-p", "--json")).isEqualTo(new Result(0, "[\"app\"]\n", ""));
    assertThat(kes(env, "ls", "-k", "-i").out()).startsWith("Identity\n")
        .contains(server.user.identity().value());
    // Checked before connecting.
    assertError(kes(Map.of(), "ls", "-i", "-p"),
        "'-p / --policy' and '-i / --identity' must not be used at the same time");
    assertError(kes(Map.of(), "ls", "a", "b"), "too many arguments");
  }

  // ---- policies, identities, status ----

  @Test
  void policyCommands_describeTheConfiguredPolicy() throws Exception {
    assertThat(kes(env, "policy", "ls", "-k").out()).isEqualTo("Policy\napp\n");
    assertThat(kes(env, "policy", "ls", "-k", "--json").out()).isEqualTo("[\"app\"]\n");
    JsonNode info = json(kes(env, "policy", "info", "-k", "--json", "app").out());
    assertThat(info.get("name").asText()).isEqualTo("app");
    assertThat(info.get("created_by").asText()).isEqualTo(server.admin.identity().value());
    JsonNode show = json(kes(env, "policy", "show", "-k", "app").out());
    assertThat(show.get("allow").fieldNames()).toIterable()
        .containsExactly("/v1/key/*/app-*", "/v1/status");
    assertThat(show.get("deny").has("/v1/key/delete/*")).isTrue();
    assertThat(kes(env, true, "policy", "show", "-k", "app").out())
        .startsWith("Allow:\n  · /v1/key/*/app-*\n  · /v1/status\nDeny:\n  · /v1/key/delete/*\n");
    assertError(kes(env, "policy", "info", "-k", "nope"),
        "failed to describe policy \"nope\": policy does not exist");
  }

  @Test
  void identityCommands_describeSelfOthersAndList() throws Exception {
    String admin = server.admin.identity().value();
    String user = server.user.identity().value();
    assertThat(kes(env, "identity", "info", "-k").out()).startsWith("Identity    " + admin + "\n")
        .contains("Role        Admin\n");
    JsonNode other = json(kes(env, "identity", "info", "-k", "--json", user).out());
    assertThat(other.get("policy").asText()).isEqualTo("app");
    Map<String, String> userEnv = Map.of("KES_SERVER", server.address(), "KES_API_KEY",
        server.user.revealText());
    JsonNode self = json(kes(userEnv, "identity", "info", "-k", "--json").out());
    assertThat(self.get("identity").asText()).isEqualTo(user);
    assertThat(self.get("policy").asText()).isEqualTo("app");
    assertThat(self.get("allow").has("/v1/status")).isTrue();
    assertThat(kes(env, "identity", "ls", "-k").out()).startsWith("Identity\n").contains(admin)
        .contains(user);
    assertError(kes(userEnv, "identity", "ls", "-k"),
        "failed to list identities: not authorized: insufficient permissions");
  }

  @Test
  void identityOfAndNew_areTheServerModulesCommands() {
    Result of = kes(env, "identity", "of", server.admin.revealText());
    assertThat(of).isEqualTo(new Result(0, server.admin.identity().value(), ""));
    Result bare = kes(env, "identity", server.admin.revealText());
    assertThat(bare.status()).isIn(0, 1, 2); // the server module's decision
  }

  @Test
  void status_printsJsonAndText() throws Exception {
    JsonNode s = json(kes(env, "status", "-k", "--json").out());
    assertThat(s.get("version").asText()).isEqualTo("cli-test");
    assertThat(s.get("num_cpu").asInt()).isPositive();
    assertThat(s.has("keystore_unreachable")).isFalse();
    String text = kes(env, "status", "-k").out();
    assertThat(text).startsWith("● " + server.address() + "\n").contains("  Version    cli-test\n")
        .containsPattern("\n  Uptime     ([02-9]|[0-9]{2,}) seconds\n|\n  Uptime     1 second\n")
        .containsPattern("\n  Latency    (0s|[0-9]+ms|[0-9.]+s)\n");
    String routes = kes(env, "status", "-k", "--api").out();
    assertThat(routes).startsWith("  Method  API                          Timeout\n")
        .containsPattern("\n  PUT     /v1/key/create/ +([0-9hms]+s|Inf)\n");
    assertThat(kes(env, "status", "-k", "-s").out()).isEqualTo("● " + server.address() + "\n");
    JsonNode api = json(kes(env, "status", "-k", "--api", "--json").out());
    assertThat(api.findValuesAsText("path")).contains("/v1/key/create/", "/v1/log/audit");
  }

  @Test
  void metric_printsOneJsonObjectPerPoll() throws Exception {
    kes(env, "key", "ls", "-k");
    Result r = kes(env, "metric", "-k", "--count", "2", "--rate", "10ms");
    assertThat(r.status()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    JsonNode m = json(lines[1]);
    assertThat(m.get("kes_http_request_success").asLong()).isPositive();
    assertThat(m.get("kes_http_response_time").has("0.01")).isTrue();
    assertThat(m.get("kes_system_num_cpu").asLong()).isPositive();
    assertError(kes(env, "metric", "--rate", "fast"), "invalid --rate: invalid duration \"fast\"");
  }

  @Test
  void version_printsVersionLines() {
    Result r = kes(env, "--version");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Version").contains("Runtime");
  }
}

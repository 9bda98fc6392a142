package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kes policy explain} against a real server whose policy {@code app} allows {@code
 * /v1/key/*}{@code /app-*} and {@code /v1/status} and denies {@code /v1/key/delete/*}.
 */
class PolicyCommandsTest {

  static CliServer server;
  static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = new CliServer();
    env = server.adminEnv();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void explain_policy_deniedByADenyPattern_namesThePatternAndTheRule() {
    CliServer.Result r = kes(env, "policy", "explain", "-k", "app", "/v1/key/delete/app-1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(String.join("\n",
        "Policy    app",
        "Path      /v1/key/delete/app-1",
        "Decision  denied",
        "Pattern   /v1/key/delete/* (deny, matched as a glob and by the prefix rule)",
        "Why       denied: deny pattern '/v1/key/delete/*' of policy 'app' matches"
            + " '/v1/key/delete/app-1' as a glob and as a prefix; a matching deny pattern wins"
            + " over every allow pattern",
        ""));
  }

  @Test
  void explain_policy_deniedOnlyByThePrefixRule() throws Exception {
    CliServer.Result r =
        kes(env, "policy", "explain", "-k", "--json", "app", "/v1/key/delete/app-1/x");
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("decision").asText()).isEqualTo("deny");
    assertThat(j.get("reason").asText()).isEqualTo("deny_pattern");
    assertThat(j.get("pattern").asText()).isEqualTo("/v1/key/delete/*");
    assertThat(j.get("rule").asText()).isEqualTo("prefix");
  }

  @Test
  void explain_identity_allowedByAnAllowPattern_andTheAdmin() throws Exception {
    String user = server.user.identity().value();
    CliServer.Result r = kes(env, "policy", "explain", "-k", user, "/v1/key/create/app-1");
    assertThat(r.out()).startsWith("Identity  " + user + "\nPolicy    app\n")
        .contains("Decision  allowed\n")
        .contains("Pattern   /v1/key/*/app-* (allow, matched as a glob)\n");
    JsonNode admin = new ObjectMapper().readTree(kes(env, "policy", "explain", "-k", "--json",
        server.admin.identity().value(), "/v1/key/delete/x").out());
    assertThat(admin.get("decision").asText()).isEqualTo("allow");
    assertThat(admin.get("reason").asText()).isEqualTo("admin");
  }

  @Test
  void explain_unknownIdentity_isDeniedForHavingNoPolicy() {
    CliServer.Result r = kes(env, "policy", "explain", "-k", "ab".repeat(32), "/v1/status");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Decision  denied\n")
        .contains("Why       denied: the identity has no policy\n");
  }

  @Test
  void explain_noAllowPatternMatches_saysWhatAPrefixReadingWouldHaveDone() {
    CliServer.Result r = kes(env, "policy", "explain", "-k", "app", "/v1/key/create/other");
    assertThat(r.out()).contains("Decision  denied\n")
        .contains("denied: no allow pattern of policy 'app' matches '/v1/key/create/other'");
  }

  @Test
  void explain_errors() {
    assertThat(kes(env, "policy", "explain", "-k").err())
        .contains("no identity or policy name specified");
    assertThat(kes(env, "policy", "explain", "-k", "app").err()).contains("no path specified");
    assertThat(kes(env, "policy", "explain", "-k", "app", "v1/status").err())
        .contains("invalid path 'v1/status': a request path starts with '/'");
    CliServer.Result missing = kes(env, "policy", "explain", "-k", "nope", "/v1/status");
    assertThat(missing.status()).isNotZero();
    assertThat(missing.err()).contains("failed to show policy \"nope\": policy does not exist");
  }
}

package io.kesjava.server.config;

import static io.kesjava.server.config.ConfigParserTest.BASE;
import static io.kesjava.server.config.ConfigParserTest.assertFails;
import static io.kesjava.server.config.ConfigParserTest.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.CacheConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Environment references, durations, booleans and log levels ({@code
 * docs/configuration.md#environment-variables-name}).
 */
class ConfigValuesTest {

  private static final String IDENTITY_LINE = "  identity: " + ConfigParserTest.ADMIN + "\n";

  private static ServerConfig withAdmin(String value, Map<String, String> env) {
    return parse(BASE.replace(IDENTITY_LINE, "  identity: " + value + "\n"), env);
  }

  // --- ${ENV} ---------------------------------------------------------------------------------------

  @Test
  void env_wholeValueReference_isExpandedVerbatim() {
    assertThat(withAdmin("${ADMIN}", Map.of("ADMIN", " spaced value ")).admin().value()).isEqualTo(" spaced value ");
    assertThat(withAdmin("\"${ ADMIN }\"", Map.of("ADMIN", "x")).admin().value()).isEqualTo("x");
    assertThat(withAdmin("' ${ADMIN} '", Map.of("ADMIN", "x")).admin().value()).isEqualTo("x");
  }

  @ParameterizedTest
  @CsvSource({"prefix-${ADMIN}", "${ADMIN}/bar", "$ADMIN", "${ADMIN", "ADMIN}"})
  void env_partialReferences_areLiteral(String text) {
    assertThat(withAdmin("\"" + text + "\"", Map.of("ADMIN", "x")).admin().value()).isEqualTo(text);
  }

  @Test
  void env_unsetVariable_failsWithNameAndLine() {
    assertThatThrownBy(() -> withAdmin("${NOT_SET}", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage("kesconf: referenced env. variable 'NOT_SET' in line '2' not found");
    assertThat(((ConfigException) catchConfig(() -> withAdmin("${NOT_SET}", Map.of()))).line()).isEqualTo(2);
  }

  @Test
  void env_emptyValue_failsRequiredChecks() {
    assertThatThrownBy(() -> withAdmin("${EMPTY}", Map.of("EMPTY", "")))
        .hasMessage("kesconf: invalid admin identity: no admin identity (line 2)");
  }

  @Test
  void env_isNotExpandedInVersionPatternsOrKeys() {
    ServerConfig c =
        parse(
            BASE + "policy:\n  p:\n    allow: [\"${A}\"]\n    deny: [\"${A}\"]\napi:\n  ${A}: {}\n",
            Map.of("P", "p", "A", "a"));
    assertThat(c.policies().get("p").allow()).containsExactly("${A}");
    assertThat(c.policies().get("p").deny()).containsExactly("${A}");
    assertThat(c.api()).containsOnlyKeys("${A}");
    assertThatThrownBy(() -> parse(BASE + "policy:\n  ${P}: {}\n", Map.of("P", "p")))
        .hasMessage("kes: policy name '${P}' is empty, too long or contains invalid characters (line 10)");
  }

  @Test
  void env_worksInEveryDocumentedPlace() {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("ADDR", "127.0.0.1:7000"),
            Map.entry("KEY", "/k.pem"),
            Map.entry("CERT", "/c.pem"),
            Map.entry("PW", "pw"),
            Map.entry("AUTH", "on"),
            Map.entry("CA", "/ca"),
            Map.entry("PROXY", "proxy-id"),
            Map.entry("HEADER", "X-Cert"),
            Map.entry("ID", "app-id"),
            Map.entry("D", "1m"),
            Map.entry("ZERO", "0"),
            Map.entry("SKIP", "on"),
            Map.entry("LVL", "WARN"),
            Map.entry("NAME", "my-key"),
            Map.entry("PATH", "/var/kes"));
    String yaml =
        """
        address: ${ADDR}
        admin: {identity: x}
        tls:
          key: ${KEY}
          cert: ${CERT}
          password: ${PW}
          auth: ${AUTH}
          ca: ${CA}
          proxy: {identities: ["${PROXY}"], header: {cert: "${HEADER}"}}
        policy:
          p: {allow: [a], identities: ["${ID}"]}
        cache: {expiry: {any: "${D}", unused: "${D}", offline: "${ZERO}"}}
        api:
          /v1/status: {skip_auth: "${SKIP}", timeout: "${D}"}
        log: {error: "${LVL}", audit: "${LVL}"}
        keys: [{name: "${NAME}"}]
        keystore: {fs: {path: "${PATH}"}}
        """;
    ServerConfig c = parse(yaml, env);
    assertThat(c.address()).isEqualTo("127.0.0.1:7000");
    assertThat(c.tls().privateKey()).hasToString("/k.pem");
    assertThat(c.tls().certificate()).hasToString("/c.pem");
    assertThat(new String(c.tls().password().chars())).isEqualTo("pw");
    assertThat(c.tls().verifyClients()).isTrue();
    assertThat(c.tls().ca()).get().hasToString("/ca");
    assertThat(c.tls().proxyIdentities()).containsExactly("proxy-id");
    assertThat(c.tls().proxyCertHeader()).isEqualTo("X-Cert");
    assertThat(c.policies().get("p").identities()).containsExactly("app-id");
    assertThat(c.cache()).isEqualTo(new CacheConfig(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ZERO));
    assertThat(c.api().get("/v1/status")).isEqualTo(new ApiRouteConfig(Duration.ofMinutes(1), true));
    assertThat(c.log()).isEqualTo(new LogConfig(4, 4, false));
    assertThat(c.keys()).containsExactly("my-key");
    assertThat(c.keyStore().config().string("path")).contains("/var/kes");
  }

  // --- durations ------------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({"5m0s, PT5M", "30s, PT30S", "1h30m, PT1H30M", "1.5h, PT1H30M", "'\"0\"', PT0S", "0s, PT0S", "500ms, PT0.5S"})
  void durations_useGoSyntax(String text, Duration expected) {
    ServerConfig c = parse(BASE + "api:\n  /v1/status:\n    timeout: " + text + "\n");
    assertThat(c.api().get("/v1/status").timeout()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"0, !!int", "300, !!int", "1e3, !!float", "1.5, !!float"})
  void durations_plainYamlNumbers_areTypeErrors(String text, String tag) {
    assertFails(BASE + "cache:\n  expiry:\n    any: " + text + "\n")
        .hasMessage("kesconf: cache.expiry.any: cannot unmarshal " + tag + " `" + text + "` into time.Duration (line 11)");
  }

  @Test
  void durations_invalidText_fails() {
    assertFails(BASE + "cache:\n  expiry:\n    any: 5d\n")
        .hasMessage("kesconf: cache.expiry.any: time: unknown unit \"d\" in duration \"5d\" (line 11)");
    assertThatThrownBy(() -> parse(BASE + "cache:\n  expiry:\n    any: ${E}\n", Map.of("E", "")))
        .hasMessage("kesconf: cache.expiry.any: time: invalid duration \"\" (line 11)");
  }

  @Test
  void cache_defaultsFollowTheDocumentation() {
    assertThat(parse(BASE).cache()).isEqualTo(new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ZERO));
    assertThat(parse(BASE + "cache:\n  expiry:\n    any: 0s\n    unused: 0s\n    offline: 1h\n").cache())
        .isEqualTo(new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofHours(1)));
    assertThat(parse(BASE + "cache:\n  expiry:\n    any: 1m\n").cache())
        .isEqualTo(new CacheConfig(Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ZERO));
  }

  // --- booleans (skip_auth) -----------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "true, true", "True, true", "TRUE, true", "y, true", "Yes, true", "ON, true", "on, true",
    "false, false", "FALSE, false", "n, false", "NO, false", "off, false", "Off, false",
    "'\"on\"', true", "'\"no\"', false"
  })
  void skipAuth_acceptsGoYamlBooleans(String text, boolean expected) {
    assertThat(parse(BASE + "api:\n  /v1/ready:\n    skip_auth: " + text + "\n").api().get("/v1/ready").skipAuth())
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"1", "enabled", "'\"true\"'", "'\"false\"'"})
  void skipAuth_otherValues_areTypeErrors(String text) {
    assertFails(BASE + "api:\n  /v1/ready:\n    skip_auth: " + text + "\n")
        .hasMessageStartingWith("kesconf: api./v1/ready.skip_auth: cannot unmarshal ")
        .hasMessageEndingWith(" into bool (line 11)");
  }

  @Test
  void skipAuth_fromEnv_acceptsOnlyTheCompatibilityWords() {
    String yaml = BASE + "api:\n  /v1/ready:\n    skip_auth: ${S}\n";
    assertThat(parse(yaml, Map.of("S", "yes")).api().get("/v1/ready").skipAuth()).isTrue();
    assertThatThrownBy(() -> parse(yaml, Map.of("S", "true"))).hasMessageContaining("cannot unmarshal !!str into bool");
  }

  @Test
  void api_unknownPathsAndRiskySkipAuth_warn() {
    ServerConfig c = parse(BASE + "api:\n  /v1/nothing: {}\n  /v1/key/create/:\n    skip_auth: on\n  /v1/status:\n    skip_auth: on\n");
    assertThat(c.api()).containsOnlyKeys("/v1/nothing", "/v1/key/create/", "/v1/status");
    assertThat(c.warnings())
        .extracting(ConfigWarning::toString)
        .containsExactly(
            "API '/v1/nothing' is not a route of the server; its settings are ignored (line 10)",
            "API '/v1/key/create/' has skip_auth: anyone who completes the TLS handshake may call it (line 11)");
  }

  // --- log levels -----------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({
    "on, 0, true", "ON, 0, true", "off, 9, false", "debug, -4, true", "INFO, 0, true", "warn, 4, false",
    "Error, 8, false", "ERROR+2, 10, false", "INFO+-1, -1, true", "4, 4, false", "-4, -4, true", "' info ', 0, true"
  })
  void log_levelGrammar(String text, int level, boolean auditToStdout) {
    ServerConfig c = parse(BASE + "log:\n  error: \"" + text + "\"\n  audit: \"" + text + "\"\n");
    assertThat(c.log()).isEqualTo(new LogConfig(level, level, auditToStdout));
  }

  @Test
  void log_auditToStdout_onlyWhenSetExplicitly() {
    assertThat(parse(BASE).log().auditToStdout()).isFalse();
    assertThat(parse(BASE + "log:\n  audit: \"\"\n").log().auditToStdout()).isFalse();
    assertThat(parse(BASE + "log:\n  audit: on\n").log().auditToStdout()).isTrue();
    assertThat(parse(BASE + "log:\n  error: off\n").log().errorToStderr()).isFalse();
    assertThat(parse(BASE + "log:\n  error: error\n").log().errorToStderr()).isTrue();
  }

  private static Throwable catchConfig(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("no ConfigException");
  }
}

package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MapKeyStoreConfigTest {

  private static final String SECRET = "s3cr3t-t0ken-value";

  private static Map<String, Object> vaultSection() {
    Map<String, Object> approle = new LinkedHashMap<>();
    approle.put("id", "role-id");
    approle.put("secret", SECRET);
    approle.put("retry", "15s");
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("endpoint", "https://vault:8200");
    section.put("prefix", "");
    section.put("namespace", null);
    section.put("approle", approle);
    section.put("timeout", "1h30m");
    section.put("port", 8200);
    section.put("verify", "on");
    section.put("scopes", List.of("a", "b"));
    section.put("scope", "single");
    section.put("transit", null);
    return section;
  }

  private static KeyStoreConfig config() {
    return KeyStoreConfig.of("keystore.vault", vaultSection());
  }

  @Test
  void keys_areInInsertionOrder() {
    assertThat(config().keys())
        .containsExactly(
            "endpoint", "prefix", "namespace", "approle", "timeout", "port", "verify", "scopes",
            "scope", "transit");
  }

  @Test
  void has_isFalseForAbsentAndNullValues() {
    assertThat(config().has("endpoint")).isTrue();
    assertThat(config().has("prefix")).isTrue();
    assertThat(config().has("namespace")).isFalse();
    assertThat(config().has("nope")).isFalse();
  }

  @Test
  void string_isEmptyWhenAbsentNullOrEmpty() {
    assertThat(config().string("endpoint")).hasValue("https://vault:8200");
    assertThat(config().string("prefix")).isEmpty();
    assertThat(config().string("namespace")).isEmpty();
    assertThat(config().string("nope")).isEmpty();
  }

  @Test
  void string_ofANonStringScalar_isItsText() {
    assertThat(config().string("port")).hasValue("8200");
    assertThat(KeyStoreConfig.of("s", Map.of("flag", true)).string("flag")).hasValue("true");
  }

  @Test
  void string_ofAMapping_failsWithTheFullKeyPath() {
    assertThatThrownBy(() -> config().string("approle"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.vault.approle: ")
        .extracting(e -> ((InvalidConfigException) e).key())
        .isEqualTo("keystore.vault.approle");
  }

  @Test
  void requireString_ofAnEmptyValue_failsWithTheFullKeyPath() {
    assertThatThrownBy(() -> config().requireString("prefix"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.vault.prefix: ");
    assertThatThrownBy(() -> config().requireString("nope"))
        .hasMessageStartingWith("keystore.vault.nope: ");
  }

  @Test
  void secret_readsTheValue() {
    KeyStoreConfig approle = config().child("approle").orElseThrow();

    assertThat(approle.secret("secret")).hasValue(SECRET);
  }

  @Test
  void child_hasTheNestedPath() {
    KeyStoreConfig approle = config().child("approle").orElseThrow();

    assertThat(approle.path()).isEqualTo("keystore.vault.approle");
    assertThat(approle.duration("retry", Duration.ZERO)).isEqualTo(Duration.ofSeconds(15));
  }

  @Test
  void child_isEmptyWhenAbsentOrNull() {
    assertThat(config().child("transit")).isEmpty();
    assertThat(config().child("kubernetes")).isEmpty();
  }

  @Test
  void child_ofAScalar_fails() {
    assertThatThrownBy(() -> config().child("endpoint"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.vault.endpoint: expected a mapping");
  }

  @Test
  void duration_parsesGoSyntax_orReturnsTheDefault() {
    assertThat(config().duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofMinutes(90));
    assertThat(config().duration("nope", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(config().duration("namespace", Duration.ofSeconds(7)))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(KeyStoreConfig.of("s", Map.of("d", "0")).duration("d", Duration.ofSeconds(1)))
        .isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "3d", "-1s", "1h30"})
  void duration_ofInvalidOrNegativeText_failsWithoutQuotingIt(String text) {
    KeyStoreConfig config = KeyStoreConfig.of("keystore.x", Map.of("timeout", text));

    assertThatThrownBy(() -> config.duration("timeout", Duration.ZERO))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.x.timeout: ")
        .hasMessageNotContaining("\"" + text + "\"");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "yes", "Yes", "on", "ON", "y", "Y"})
  void bool_acceptsTrueWords(String text) {
    assertThat(KeyStoreConfig.of("s", Map.of("b", text)).bool("b", false)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "False", "no", "NO", "off", "Off", "n", "N"})
  void bool_acceptsFalseWords(String text) {
    assertThat(KeyStoreConfig.of("s", Map.of("b", text)).bool("b", true)).isFalse();
  }

  @Test
  void bool_ofAYamlBoolean_isRead() {
    assertThat(KeyStoreConfig.of("s", Map.of("b", Boolean.TRUE)).bool("b", false)).isTrue();
  }

  @Test
  void bool_whenAbsent_isTheDefault() {
    assertThat(config().bool("nope", true)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "enabled", "tru"})
  void bool_ofOtherText_fails(String text) {
    assertThatThrownBy(() -> KeyStoreConfig.of("s", Map.of("b", text)).bool("b", false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("s.b: ");
  }

  @Test
  void integer_readsDecimalText_orReturnsTheDefault() {
    assertThat(config().integer("port", 0)).isEqualTo(8200);
    assertThat(KeyStoreConfig.of("s", Map.of("i", "-12")).integer("i", 0)).isEqualTo(-12);
    assertThat(config().integer("nope", 3)).isEqualTo(3);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "12x", "1.5", "99999999999"})
  void integer_ofOtherText_fails(String text) {
    assertThatThrownBy(() -> KeyStoreConfig.of("s", Map.of("i", text)).integer("i", 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("s.i: ");
  }

  @Test
  void strings_readsAListOrASingleScalar() {
    assertThat(config().strings("scopes")).containsExactly("a", "b");
    assertThat(config().strings("scope")).containsExactly("single");
    assertThat(config().strings("nope")).isEmpty();
  }

  @Test
  void strings_ofAMapping_fails() {
    assertThatThrownBy(() -> config().strings("approle"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.vault.approle: ");
  }

  @Test
  void strings_withANestedElement_namesTheElement() {
    KeyStoreConfig config =
        KeyStoreConfig.of("k", Map.of("list", List.of("a", Map.of("x", "y"))));

    assertThatThrownBy(() -> config.strings("list"))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("k.list[1]: ");
  }

  @Test
  void aTopLevelSection_withAnEmptyPath_namesBareKeys() {
    assertThatThrownBy(() -> KeyStoreConfig.of("", Map.of()).requireString("path"))
        .hasMessageStartingWith("path: ");
  }

  @Test
  void theView_isACopy_ofTheMapsItWasGiven() {
    Map<String, Object> inner = new HashMap<>(Map.of("id", "before"));
    List<Object> list = new ArrayList<>(Arrays.asList("x"));
    Map<String, Object> outer = new HashMap<>(Map.of("inner", inner, "list", list, "k", "v"));
    KeyStoreConfig config = KeyStoreConfig.of("s", outer);

    inner.put("id", "after");
    list.add("y");
    outer.put("k", "changed");

    assertThat(config.child("inner").orElseThrow().string("id")).hasValue("before");
    assertThat(config.strings("list")).containsExactly("x");
    assertThat(config.string("k")).hasValue("v");
  }

  @Test
  void toString_namesKeysButNeverValues() {
    String text = config().toString();

    assertThat(text)
        .contains("keystore.vault", "endpoint", "approle", "secret", "id")
        .doesNotContain(SECRET, "role-id", "https://vault:8200", "1h30m", "8200");
  }

  @Test
  void errors_neverContainTheValue() {
    KeyStoreConfig config = KeyStoreConfig.of("s", Map.of("token", SECRET));

    assertThatThrownBy(() -> config.duration("token", Duration.ZERO))
        .hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> config.bool("token", false)).hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> config.integer("token", 0)).hasMessageNotContaining(SECRET);
    assertThatThrownBy(() -> config.child("token")).hasMessageNotContaining(SECRET);
  }

  @Test
  void keys_cannotBeModified() {
    assertThatThrownBy(() -> config().keys().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}

package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

  private static Object parse(String s) {
    return Json.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "[]", "0", "-0", "1.5e+3", "-12.25E-2", "\"\"", "true", "false",
      "null", " {\"a\" : [ 1 , 2 ] } ", "{\"a\":{\"b\":{\"c\":[[]]}}}", "\"\\u00e9\\n\\/\""})
  void isValid_acceptsJson(String json) {
    assertThat(Json.isValid(json.getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "01",
      "1.", ".5", "+1", "1e", "-", "tru", "nul", "'a'", "\"a", "\"\\x\"", "\"\\u12g4\"",
      "\"tab\there\"", "{} {}", "{a:1}", "NaN", "\u00a0{}", "\ufeff{}", "[1 2]", "{\"a\" 1}"})
  void isValid_rejectsNonJson(String text) {
    assertThat(Json.isValid(text.getBytes(StandardCharsets.UTF_8))).isFalse();
  }

  @Test
  void parse_decodesStringEscapes() {
    assertThat(parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u0041\\u00e9\""))
        .isEqualTo("a\"b\\c/d\b\f\n\r\tA\u00e9");
  }

  @Test
  void get_matchesIgnoringCase_andTheLastMatchWins() {
    Json.Obj obj = (Json.Obj) parse("{\"Bytes\":\"1\",\"x\":null,\"BYTES\":\"2\"}");

    assertThat(obj.get("bytes")).isEqualTo("2");
    assertThat(obj.get("x")).isSameAs(Json.NULL);
    assertThat(obj.get("y")).isNull();
  }

  @Test
  void parse_givesListsBooleansAndNumbers() {
    Json.Obj obj = (Json.Obj) parse("{\"a\":[true,false,-1.5]}");
    List<?> a = (List<?>) obj.get("a");

    assertThat(a).hasSize(3);
    assertThat(a.get(0)).isEqualTo(Boolean.TRUE);
    assertThat(a.get(2)).hasToString("-1.5");
  }

  @Test
  void parse_ofVeryDeepNesting_failsCleanly() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nested too deeply");
    String ok = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
    assertThat(Json.isValid(ok.getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  @Test
  void parseErrors_nameThePositionNotTheContent() {
    assertThatThrownBy(() -> parse("{\"secret\":\"c2VjcmV0\" x}"))
        .hasMessage("invalid JSON at offset 22: expected ',' or '}'");
  }
}

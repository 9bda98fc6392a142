package io.kesjava.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class GoJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void quote_escapesAsGoDoes() {
    assertThat(GoJson.quote("<a & b>")).isEqualTo("\"\\u003ca \\u0026 b\\u003e\"");
    assertThat(GoJson.quote("x\u2028y\u2029")).isEqualTo("\"x\\u2028y\\u2029\"");
    assertThat(GoJson.quote("q\"b\\n\n\r\t\u0001")).isEqualTo("\"q\\\"b\\\\n\\n\\r\\t\\u0001\"");
    assertThat(GoJson.quote("\b\f\u001f")).isEqualTo("\"\\b\\f\\u001f\"");
    assertThat(GoJson.quote("é😀")).isEqualTo("\"é😀\"");
    assertThat(GoJson.quote("bad\ud800")).isEqualTo("\"bad\\ufffd\"");
    assertThat(GoJson.quote("")).isEqualTo("\"\"");
  }

  @Test
  void quote_appendsToTheBuilder_andReturnsIt() {
    StringBuilder sb = new StringBuilder("{");
    assertThat(GoJson.quote(sb, "k").append(':')).isSameAs(sb);
    assertThat(GoJson.quote(sb, "v").append('}').toString()).isEqualTo("{\"k\":\"v\"}");
  }

  /** Any text reads back unchanged, lone surrogates aside (they become U+FFFD, as in Go). */
  @Property(tries = 500)
  void anyText_readsBack(@ForAll String text) throws Exception {
    String quoted = GoJson.quote(text);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        expected.append(c).append(text.charAt(++i));
      } else {
        expected.append(Character.isSurrogate(c) ? '\ufffd' : c);
      }
    }
    assertThat(JSON.readValue(quoted, String.class)).isEqualTo(expected.toString());
    assertThat(quoted.chars().filter(ch -> ch == '<' || ch == '>' || ch == '&' || ch < 0x20))
        .isEmpty();
  }
}

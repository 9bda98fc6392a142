package io.kesjava.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsonInTest {

  private static JsonIn.Members read(String json, String... names) {
    return JsonIn.object(json.getBytes(StandardCharsets.UTF_8), names);
  }

  @Test
  void membersMatchCaseInsensitively_exactFirst_lastWins() {
    assertThat(read("{\"Plaintext\":\"QQ==\"}", "plaintext").bytes("plaintext"))
        .containsExactly('A');
    assertThat(read("{\"plaintext\":\"a\",\"PLAINTEXT\":\"b\"}", "plaintext").string("plaintext"))
        .isEqualTo("b");
    assertThat(read("{\"cipher\":\"x\",\"cipher\":\"y\"}", "cipher").string("cipher"))
        .isEqualTo("y");
    // Unicode simple folding, as Go: the Kelvin sign folds to k.
    assertThat(read("{\"\u212Aey\":\"v\"}", "key").string("key")).isEqualTo("v");
  }

  @Test
  void onlyTheFirstValueIsRead_unknownMembersIgnored() {
    assertThat(read("{\"a\":\"1\",\"x\":{\"y\":[1,2]}} trailing garbage {", "a").string("a"))
        .isEqualTo("1");
  }

  @Test
  void nullMeansAbsent() {
    JsonIn.Members m = read("{\"context\":null}", "context");
    assertThat(m.has("context")).isFalse();
    assertThat(m.bytes("context")).isEmpty();
    assertThat(read("null", "context").has("context")).isFalse();
  }

  @Test
  void nullAfterAValue_clearsAByteMember_andKeepsAStringMember() {
    // Go's last member wins, and null sets a []byte to nil but leaves a string as it was.
    JsonIn.Members m = read("{\"plaintext\":\"QUFB\",\"plaintext\":null}", "plaintext");
    assertThat(m.bytes("plaintext")).isEmpty();
    assertThat(m.string("plaintext")).isEqualTo("QUFB");
    JsonIn.Members again = read("{\"plaintext\":null,\"plaintext\":\"QUFB\"}", "plaintext");
    assertThat(again.bytes("plaintext")).containsExactly('A', 'A', 'A');
  }

  @Test
  void rejectsEmpty_malformed_nonObjects_andWrongTypes() {
    for (String bad : new String[] {"", "   ", "{", "{\"a\":}", "[]", "\"x\"", "1",
        "{\"a\":1}", "{\"a\":{}}", "{\"a\":true}"}) {
      assertThatThrownBy(() -> read(bad, "a")).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void base64_isPaddedStandard_crlfIgnored() {
    assertThat(Base64Std.decode("QU\r\nJD")).containsExactly('A', 'B', 'C');
    assertThat(Base64Std.decode("")).isEmpty();
    for (String bad : new String[] {"QUI", "QUJD-_==", "QU JD", "QQ==QQ==", "Q==="}) {
      assertThatThrownBy(() -> Base64Std.decode(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void arrays_ofObjects() {
    assertThat(JsonIn.array("[{\"ciphertext\":\"QQ==\"},null]".getBytes(StandardCharsets.UTF_8),
        "ciphertext")).hasSize(2);
    assertThatThrownBy(() -> JsonIn.array("{}".getBytes(StandardCharsets.UTF_8), "c"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 200)
  void anyBytes_failOrDecode_neverAnythingElse(@ForAll byte[] body) {
    try {
      JsonIn.object(body, "plaintext", "context").bytes("plaintext");
    } catch (IllegalArgumentException expected) {
      // the only way to fail
    }
  }
}

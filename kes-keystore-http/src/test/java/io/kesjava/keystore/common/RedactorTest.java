package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RedactorTest {

  @Test
  void replacesEveryKnownSecret_andNothingElse() {
    Redactor redactor = Redactor.of("AKIAEXAMPLE", null, "", "wJalrXUtnFEMI");

    assertThat(redactor.redact("key AKIAEXAMPLE secret wJalrXUtnFEMI, again AKIAEXAMPLE"))
        .isEqualTo("key [redacted] secret [redacted], again [redacted]");
    assertThat(redactor.redact("nothing to hide")).isEqualTo("nothing to hide");
    assertThat(redactor.redact(null)).isEmpty();
    assertThat(redactor.toString()).isEqualTo("Redactor[2 secrets]").doesNotContain("AKIA");
  }

  @Test
  void shortSecrets_areLeftAlone_whenAMinimumLengthIsSet() {
    Redactor redactor = Redactor.builder().minLength(4).secrets(List.of("abc", "abcd")).build();

    assertThat(redactor.redact("abc abcd")).isEqualTo("abc [redacted]");
    assertThat(Redactor.of("abc").redact("abc abcd")).isEqualTo("[redacted] [redacted]d");
  }

  @Test
  void overlongText_isCut() {
    Redactor redactor = Redactor.builder().maxLength(10).build();

    assertThat(redactor.redact("0123456789")).isEqualTo("0123456789");
    assertThat(redactor.redact("0123456789abc")).isEqualTo("0123456789...");
    assertThat(Redactor.of().redact("x".repeat(5000))).hasSize(5000);
  }

  @Test
  void shapes_extraSecrets_andAnotherMark() {
    Redactor redactor =
        Redactor.builder()
            .mark("<redacted>")
            .shape(Pattern.compile("\\btok\\.[a-z0-9]{8,}"))
            .secret("role-id-1234")
            .build();

    assertThat(redactor.redact("role-id-1234 used tok.abcdefgh42 for PAYLOAD", Set.of("PAYLOAD")))
        .isEqualTo("<redacted> used <redacted> for <redacted>");
  }

  @Test
  void tokensComeAndGo() {
    Redactor redactor = Redactor.builder().build();
    redactor.add("first-token");
    redactor.remove("first-token");
    assertThat(redactor.redact("first-token")).isEqualTo("first-token");

    redactor.addRecent("token-1");
    redactor.addRecent("token-2");
    redactor.addRecent("token-3");

    // The latest two are kept: an answer to a request sent with the older one may still arrive.
    assertThat(redactor.redact("token-1 token-2 token-3"))
        .isEqualTo("token-1 [redacted] [redacted]");
  }
}

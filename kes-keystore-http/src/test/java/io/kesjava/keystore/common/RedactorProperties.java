package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

class RedactorProperties {

  @Property(tries = 300)
  void redactedText_neverContainsTheSecret(
      @ForAll String before,
      @ForAll @CharRange(from = 'A', to = 'Z') @NumericChars @StringLength(min = 4, max = 64)
          String secret,
      @ForAll String after) {
    String text = before + secret + after + secret;

    assertThat(Redactor.of().redact(text, Set.of(secret))).doesNotContain(secret);
    assertThat(Redactor.of(secret).redact(text)).doesNotContain(secret);
    Redactor vaultLike = Redactor.builder().mark("<redacted>").minLength(4).secret(secret).build();
    assertThat(vaultLike.redact(text)).doesNotContain(secret);
  }

  @Property(tries = 300)
  void aShape_isReplaced_evenWhenTheValueIsUnknown(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 24, max = 90) String body) {
    Pattern token = Pattern.compile("\\bhvs\\.[A-Za-z0-9]{16,}");
    Redactor redactor = Redactor.builder().mark("<redacted>").shape(token).build();

    assertThat(redactor.redact("token hvs." + body + " was refused"))
        .isEqualTo("token <redacted> was refused");
  }
}

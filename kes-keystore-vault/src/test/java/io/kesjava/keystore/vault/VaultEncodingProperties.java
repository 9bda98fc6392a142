package io.kesjava.keystore.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.keystore.common.Redactor;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;

/** Properties of the path joining and of the redaction Vault is set up with. */
class VaultEncodingProperties {

  @Property(tries = 300)
  void joinedPaths_haveNoEmptyDotOrDotDotSegments(
      @ForAll List<@CharRange(from = '.', to = '/') @AlphaChars String> pieces) {
    List<String> segments = VaultPaths.join(pieces.toArray(new String[0]));

    assertThat(segments).doesNotContain("", ".", "..");
    assertThat(segments).allSatisfy(s -> assertThat(s).doesNotContain("/"));
  }

  @Property(tries = 300)
  void joiningIsAssociative(
      @ForAll @CharRange(from = '.', to = '/') @AlphaChars String a,
      @ForAll @CharRange(from = '.', to = '/') @AlphaChars String b,
      @ForAll @CharRange(from = '.', to = '/') @AlphaChars String c) {
    assertThat(VaultPaths.join(VaultPaths.text(a, b), c)).isEqualTo(VaultPaths.join(a, b, c));
  }

  @Property(tries = 300)
  void aSingleSegmentName_isAppendedAsIs(
      @ForAll @AlphaChars @StringLength(min = 1, max = 20) String prefix,
      @ForAll
          @AlphaChars
          @NumericChars
          @CharRange(from = '-', to = '-')
          @StringLength(min = 1, max = 80)
          String name) {
    Assume.that(VaultPaths.isSingleSegment(name));

    assertThat(VaultPaths.join("kv", prefix, name)).containsExactly("kv", prefix, name);
  }

  @Property(tries = 300)
  void scrubbedText_neverContainsTheSecret(
      @ForAll String before,
      @ForAll @CharRange(from = 'A', to = 'Z') @NumericChars @StringLength(min = 8, max = 64)
          String secret,
      @ForAll String after) {
    Redactor redactor = VaultHttp.redactor();
    String text = before + secret + after + secret;

    assertThat(redactor.redact(text, Set.of(secret))).doesNotContain(secret);
    redactor.add(secret);
    assertThat(redactor.redact(text)).doesNotContain(secret);
  }

  @Property(tries = 300)
  void vaultShapedTokens_areScrubbed_evenWhenUnknown(
      @ForAll @AlphaChars @NumericChars @StringLength(min = 24, max = 90) String body) {
    String text = "token hvs." + body + " was refused";

    assertThat(VaultHttp.redactor().redact(text)).isEqualTo("token <redacted> was refused");
  }
}

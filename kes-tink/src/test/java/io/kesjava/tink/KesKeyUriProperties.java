package io.kesjava.tink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.Names;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class KesKeyUriProperties {

  @Provide
  Arbitrary<String> keyNames() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .withCharRange('0', '9')
        .withChars('-', '_')
        .ofMinLength(1)
        .ofMaxLength(Names.MAX_LENGTH)
        .filter(Names::isValidName);
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings()
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(40)
        .filter(s -> s.indexOf('/') < 0 && s.indexOf('\\') < 0);
  }

  @Property
  void thePlainForm_roundTrips(@ForAll("keyNames") String name) {
    KesKeyUri uri = KesKeyUri.parse("kes://" + name);
    assertThat(uri).isEqualTo(KesKeyUri.of(name));
    assertThat(uri.server()).isEmpty();
    assertThat(KesKeyUri.parse(uri.toString())).isEqualTo(uri);
  }

  @Property
  void theNamedForm_roundTrips(@ForAll("labels") String label, @ForAll("keyNames") String name) {
    KesKeyUri uri = KesKeyUri.of(label, name);
    assertThat(uri.toString()).isEqualTo("kes://" + label + "/" + name);
    KesKeyUri parsed = KesKeyUri.parse(uri.toString());
    assertThat(parsed).isEqualTo(uri);
    assertThat(parsed.server()).isEqualTo(Optional.of(label));
    assertThat(parsed.keyName()).isEqualTo(name);
  }

  @Property
  void anyTextThatIsNotAValidName_isRejected(@ForAll String text) {
    if (Names.isValidName(text)) {
      return;
    }
    String slashFree = text.replace('/', '-');
    if (!Names.isValidName(slashFree)) {
      assertThatThrownBy(() -> KesKeyUri.parse("kes://" + slashFree))
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(KesKeyUri.isValid("kes://" + text)).isEqualTo(isValidUri(text));
  }

  /** The reference: at most one '/', a valid label before it and a valid name after it. */
  private static boolean isValidUri(String rest) {
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return Names.isValidName(rest);
    }
    String label = rest.substring(0, slash);
    String name = rest.substring(slash + 1);
    boolean labelOk = !label.isEmpty() && label.chars().allMatch(c -> c > ' ' && c <= '~'
        && c != '/' && c != '\\');
    return labelOk && Names.isValidName(name);
  }

  @Example
  void otherSchemesAndShapes_areRejected() {
    assertThat(KesKeyUri.isValid("aws-kms://arn:aws:kms:eu-west-1:1:key/k")).isFalse();
    assertThat(KesKeyUri.isValid("KES://key")).isFalse();
    assertThat(KesKeyUri.isValid("kes://")).isFalse();
    assertThat(KesKeyUri.isValid("kes:///key")).isFalse();
    assertThat(KesKeyUri.isValid("kes://server/")).isFalse();
    assertThat(KesKeyUri.isValid("kes://a/b/c")).isFalse();
    assertThat(KesKeyUri.isValid("kes://a b/key")).isFalse();
    assertThat(KesKeyUri.isValid(null)).isFalse();
    assertThat(KesKeyUri.isValid("kes://127.0.0.1:7373/my-key")).isTrue();
  }
}

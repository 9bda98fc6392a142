package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The stored text of a value (Vault, Gemalto) and the text-or-binary choice (AWS, Azure). */
class StoredValuesProperties {

  @Property
  void anyValue_roundTripsThroughItsText(@ForAll byte[] value) {
    assertThat(StoredValues.fromText(StoredValues.toText(value))).isEqualTo(value);
  }

  @Property(tries = 300)
  void text_isStoredAsItself_unlessItStartsWithTheMark(@ForAll String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    Assume.that(new String(utf8, StandardCharsets.UTF_8).equals(text)); // no lone surrogates
    String stored = StoredValues.toText(utf8);

    if (text.startsWith(StoredValues.MARK)) {
      assertThat(stored).isNotEqualTo(text);
      assertThat(StoredValues.fromText(stored)).isEqualTo(utf8);
    } else {
      assertThat(stored).isEqualTo(text);
    }
  }

  @Property(tries = 300)
  void aValueIsText_onlyWhenTheTextEncodesBackToTheSameBytes(@ForAll byte[] value) {
    String text = StoredValues.utf8(value);

    if (text != null) {
      assertThat(text.getBytes(StandardCharsets.UTF_8)).isEqualTo(value);
    }
  }

  @Property(tries = 300)
  void everyWellFormedText_isText(@ForAll String text) {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);

    // Lone surrogates do not survive getBytes; everything else must be kept as text.
    if (new String(utf8, StandardCharsets.UTF_8).equals(text)) {
      assertThat(StoredValues.utf8(utf8)).isEqualTo(text);
    }
  }

  @Example
  void aMarkedTextThatIsNotBase64_isRefused() {
    assertThat(StoredValues.toText(new byte[] {(byte) 0xff})).isEqualTo("kes-java:base64:/w==");
    assertThatThrownBy(() -> StoredValues.fromText("kes-java:base64:not base64!"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.KeyVersion;
import java.time.Clock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The names, values and version numbers of key versions (docs/formats.md#key-versions). */
class VersionEntriesProperties {

  @Provide
  Arbitrary<String> keyNames() {
    return Arbitraries.strings().withChars("abcXYZ019-_").ofMinLength(1).ofMaxLength(80)
        .filter(Names::isValidName);
  }

  @Property(tries = 300)
  void everyVersionNumber_parsesFromItsDecimalForm(
      @ForAll @IntRange(min = 1, max = VersionEntries.MAX_VERSION) int n) {
    assertThat(VersionEntries.parseVersion(Integer.toString(n))).isEqualTo(n);
  }

  @Property(tries = 500)
  void anyOtherString_isAnInvalidArgument(@ForAll String s) {
    try {
      int n = VersionEntries.parseVersion(s);
      assertThat(Integer.toString(n)).isEqualTo(s);
    } catch (InvalidArgumentException e) {
      assertThat(e.status()).isEqualTo(400);
    }
  }

  @Property(tries = 300)
  void versionEntryNames_areNeverKeyNames_andAreRecognized(
      @ForAll("keyNames") String name,
      @ForAll @IntRange(min = 2, max = VersionEntries.MAX_VERSION) int n) {
    String entry = VersionEntries.entryName(name, n);
    assertThat(VersionEntries.isEntryName(entry)).isTrue();
    assertThat(Names.isValidName(entry)).isFalse();
    assertThat(VersionEntries.isEntryName(name)).isFalse();
    assertThat(entry).matches("[0-9A-Za-z_-]{4,92}");
  }

  @Property(tries = 50)
  void aVersionRoundTrips_onlyUnderItsNumberAndTag(
      @ForAll @IntRange(min = 2, max = 1000) int n) {
    KeyVersion base = KeyVersion.generate(KeyAlgorithm.AES256, "a", Clock.systemUTC());
    KeyVersion other = KeyVersion.generate(KeyAlgorithm.AES256, "a", Clock.systemUTC());
    KeyVersion v = KeyVersion.generate(KeyAlgorithm.AES256, "b", Clock.systemUTC());
    String tag = VersionEntries.tag(base);
    assertThat(tag).matches("[0-9a-f]{32}").isEqualTo(VersionEntries.tag(base));
    byte[] stored = VersionEntries.encode(n, tag, v);
    KeyVersion back = VersionEntries.decode(stored, n, tag);
    assertThat(back).isNotNull();
    assertThat(back.createdBy()).isEqualTo("b");
    assertThat(back.key().decrypt(v.key().encrypt(new byte[] {1}, new byte[0]), new byte[0]))
        .containsExactly(1);
    assertThat(VersionEntries.decode(stored, n + 1, tag)).isNull();
    assertThat(VersionEntries.decode(stored, n, VersionEntries.tag(other))).isNull();
  }

  @Property(tries = 100)
  void aTruncatedEntry_decodesToNothing(@ForAll @IntRange(min = 0, max = 10_000) int cut) {
    KeyVersion base = KeyVersion.generate(KeyAlgorithm.AES256, "a", Clock.systemUTC());
    String tag = VersionEntries.tag(base);
    KeyVersion v = KeyVersion.generate(KeyAlgorithm.AES256, "b", Clock.systemUTC());
    byte[] stored = VersionEntries.encode(2, tag, v);
    byte[] truncated = java.util.Arrays.copyOf(stored, cut % stored.length);
    assertThat(VersionEntries.decode(truncated, 2, tag)).isNull();
  }

  @Property(tries = 500)
  void anyStoredValue_decodesToAVersionOrNothing_neverThrows(@ForAll byte[] stored) {
    assertThat(VersionEntries.decode(stored, 2, "0".repeat(32))).isNull();
  }

  @Property(tries = 1)
  void aMalformedVersion_hasAClearMessage() {
    assertThatThrownBy(() -> VersionEntries.parseVersion("01"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("invalid key version: a version is a positive decimal number such as '1'");
  }
}

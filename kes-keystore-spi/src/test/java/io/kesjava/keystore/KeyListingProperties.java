package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class KeyListingProperties {

  @Provide
  Arbitrary<Set<String>> names() {
    return Arbitraries.strings()
        .withChars("ab-_Z0")
        .ofMinLength(1)
        .ofMaxLength(4)
        .set()
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.strings().withChars("ab-").ofMaxLength(2);
  }

  /** Walking pages by cursor yields every matching name once, in byte order: a reference model. */
  @Property
  void walkingPages_returnsTheSortedMatchingNames(
      @ForAll("names") Set<String> names,
      @ForAll("prefixes") String prefix,
      @ForAll @IntRange(min = 1, max = 7) int limit) {
    List<String> expected =
        names.stream().filter(n -> n.startsWith(prefix)).sorted(KeyListing::compareBytes).toList();

    List<String> walked = new ArrayList<>();
    String cursor = "";
    for (int pages = 0; pages <= names.size() + 1; pages++) {
      KeyListing page = KeyListing.page(names, prefix, cursor, limit);
      assertThat(page.names()).hasSizeLessThanOrEqualTo(limit);
      walked.addAll(page.names());
      if (page.continueAt().isEmpty()) {
        break;
      }
      cursor = page.continueAt();
    }

    assertThat(walked).isEqualTo(expected);
  }

  /** A walked backend, even one that repeats names, gives the page of its names given at once. */
  @Property
  void collect_givesThePageOfTheWalkedNames(
      @ForAll("names") Set<String> names,
      @ForAll("prefixes") String prefix,
      @ForAll("prefixes") String cursor,
      @ForAll @IntRange(min = 0, max = 7) int limit) {
    KeyListing collected =
        KeyListing.collect(
            prefix,
            cursor,
            limit,
            walk -> {
              names.forEach(walk);
              names.forEach(walk);
            });

    assertThat(collected).isEqualTo(KeyListing.page(names, prefix, cursor, limit));
  }

  /** Null arguments fail before the backend is asked anything. */
  @Property(tries = 1)
  void collect_checksItsArguments_beforeTheWalk() {
    List<String> asked = new ArrayList<>();
    assertThatThrownBy(() -> KeyListing.collect(null, "", 0, walk -> asked.add("walked")))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> KeyListing.collect("", null, 0, walk -> asked.add("walked")))
        .isInstanceOf(NullPointerException.class);
    assertThat(asked).isEmpty();
  }
}

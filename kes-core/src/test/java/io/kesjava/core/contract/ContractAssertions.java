package io.kesjava.core.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.KesException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions and inputs of the contract suite. */
public final class ContractAssertions {

  private ContractAssertions() {}

  /**
   * Asserts that {@code call} throws exactly {@code type} with KES's {@code status} and {@code
   * message}: the same error in every implementation.
   */
  public static void assertFails(ThrowingCallable call, Class<? extends KesException> type,
      int status, String message) {
    assertThatThrownBy(call)
        .isExactlyInstanceOf(type)
        .hasMessage(message)
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((KesException) e).status())
            .as("status").isEqualTo(status));
  }

  /**
   * Names and patterns that probe the name rule ({@code docs/formats.md#listing-and-names}) and the
   * way names travel in URL paths: valid and invalid ones, characters that URLs escape, path steps,
   * non-ASCII, and a fixed pseudo-random sample over such characters. No unpaired surrogates: they
   * have no UTF-8 form.
   */
  public static Stream<String> trickyNames() {
    List<String> names = new ArrayList<>(List.of(
        "", "a", "A-z_0", "-", "-a", "a-", "_", "__", "a_", "*", "a*", "*a", "a*b", "**", "a-*",
        "_*", "-*", "a/b", "/a", "a/", "a b", " a", "a.b", ".", "..", "...", "a?b", "?", "a#b",
        "#", "a%2Fb", "%", "%41", "a\\b", "a;b", "a+b", "a&b", "a=b", "a\"b", "a'b", "a<b>",
        "a\nb", "a\tb", "\u0000", "ä", "日本", "\uD83D\uDE00", "k".repeat(80), "k".repeat(81),
        "k".repeat(79) + "*", "k".repeat(80) + "*", "v1", "list", "%2e%2e", "a..b"));
    String alphabet = "aZ9-_*./ ?#%\\;+&=~:@!$'()[]{}|^`\"<>,ä€\t";
    Random random = new Random(42);
    for (int i = 0; i < 40; i++) {
      StringBuilder sb = new StringBuilder();
      int len = random.nextInt(12);
      for (int j = 0; j < len; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      names.add(sb.toString());
    }
    return names.stream();
  }
}

package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.KesException;
import io.kesjava.core.Listing;
import io.kesjava.core.Names;
import io.kesjava.keystore.KeyListing;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/**
 * {@link Paging} against a server that pages as Go KES does: the argument is a literal prefix, a
 * page holds at most {@code cap} names, and {@code continue_at} is the first name left out.
 */
class PagingTest {

  /** Go KES's listing of {@code all} for one request, capped at {@code cap} names. */
  static Listing goKesPage(Set<String> all, String arg, int cap) {
    String prefix = arg.equals("*") ? "" : arg;
    List<String> sorted = new ArrayList<>(all);
    sorted.sort(KeyListing::compareBytes);
    List<String> page = new ArrayList<>();
    for (String name : sorted) {
      if (!name.startsWith(prefix)) {
        continue;
      }
      if (page.size() == cap) {
        return new Listing(page, name);
      }
      page.add(name);
    }
    return Listing.of(page);
  }

  @Property(tries = 200)
  void aCappedListing_isCompletedAndSorted(
      @ForAll @Size(max = 40) Set<@StringLength(min = 1, max = 4) @Chars({'a', 'b', '-', '_', '0'})
          String> raw,
      @ForAll @IntRange(min = 1, max = 5) int cap,
      @ForAll @StringLength(max = 2) @Chars({'a', 'b'}) String prefix) {
    Set<String> all = new TreeSet<>();
    for (String s : raw) {
      if (Names.isValidName(s)) {
        all.add(s);
      }
    }
    List<String> expected = all.stream().filter(n -> n.startsWith(prefix))
        .sorted(KeyListing::compareBytes).toList();
    String pattern = prefix.isEmpty() ? "" : prefix + "*";
    // Go KES does not strip a trailing '*' from a key pattern: the first request is the prefix.
    Function<String, Listing> server = arg -> goKesPage(all, Names.prefixOf(arg), cap);
    Listing got = Paging.complete(pattern, server);
    assertThat(got.names()).isEqualTo(expected);
    assertThat(got.continueAt()).isEmpty();
  }

  @Test
  void anUncappedListing_takesOneRequest() {
    AtomicInteger calls = new AtomicInteger();
    Listing got = Paging.complete("", arg -> {
      calls.incrementAndGet();
      return Listing.of(List.of("a", "b"));
    });
    assertThat(got.names()).containsExactly("a", "b");
    assertThat(calls).hasValue(1);
  }

  @Test
  void aContinueAtThatDoesNotMoveOn_isATransportFailure() {
    assertThatThrownBy(() -> Paging.complete("", arg -> new Listing(List.of("b"), "a")))
        .isInstanceOfSatisfying(KesTransportException.class,
            e -> assertThat(e.status()).isEqualTo(KesException.NO_RESPONSE))
        .hasMessageContaining("continue_at");
    assertThatThrownBy(() -> Paging.complete("", arg -> new Listing(List.of(), "a")))
        .isInstanceOf(KesTransportException.class);
  }
}

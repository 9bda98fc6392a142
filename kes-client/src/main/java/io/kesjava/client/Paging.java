package io.kesjava.client;

import io.kesjava.core.Listing;
import io.kesjava.core.Names;
import io.kesjava.keystore.KeyListing;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Completes a listing that a server answered in pages ({@code docs/http-api.md#list-keys}).
 *
 * <p>This project's server always answers with the whole listing. A Go KES server caps a key
 * listing at 1024 names and returns the first name it left out as {@code continue_at}; asked again,
 * it reads the path's argument as a literal prefix, not as a place to resume at, so that feeding
 * {@code continue_at} back (as kms-go does) returns only the names that start with it. To get the
 * rest, this walks prefixes: after a capped page for prefix {@code P} with {@code continue_at C},
 * the names left are those starting with {@code C}, and for each position {@code i} from the end
 * of {@code C} back to the end of {@code P}, those starting with {@code C[0..i)} followed by a
 * name character greater than {@code C[i]}. Each of these is listed the same way, so the result is
 * complete and sorted whatever page size the server uses. A prefix that is not a valid pattern by
 * itself ({@code _} alone, or one ending in {@code -}) is listed as the prefixes one character
 * longer.
 *
 * <p>Costs: one request when the server does not cap; otherwise up to about 64 requests per
 * character of a capped page's {@code continue_at}.
 *
 * <p>Thread-safety: stateless.
 */
final class Paging {

  /** The characters of names ({@link Names#isValidName(String)}), ascending in byte order. */
  static final String NAME_CHARS =
      "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

  private Paging() {}

  /**
   * Lists {@code pattern} completely.
   *
   * @param pattern the caller's pattern, sent as is for the first page
   * @param fetch one request: a pattern in, one page out
   * @throws KesTransportException if a page's {@code continue_at} does not move the listing on
   */
  static Listing complete(String pattern, Function<String, Listing> fetch) {
    Listing first = fetch.apply(pattern);
    if (first.continueAt().isEmpty()) {
      return first;
    }
    TreeSet<String> names = new TreeSet<>(KeyListing::compareBytes);
    String prefix = Names.prefixOf(pattern);
    rest(prefix, first, fetch, names);
    return Listing.of(new ArrayList<>(names));
  }

  private static void collect(String prefix, Function<String, Listing> fetch,
      TreeSet<String> names) {
    if (prefix.length() >= Names.MAX_LENGTH && !requestable(prefix)) {
      return; // no name is longer than MAX_LENGTH, and none ends with '-'
    }
    if (!prefix.isEmpty() && !requestable(prefix)) {
      for (int i = 0; i < NAME_CHARS.length(); i++) {
        collect(prefix + NAME_CHARS.charAt(i), fetch, names);
      }
      return;
    }
    rest(prefix, fetch.apply(prefix), fetch, names);
  }

  /** Adds {@code page} and everything after it that starts with {@code prefix}. */
  private static void rest(String prefix, Listing page, Function<String, Listing> fetch,
      TreeSet<String> names) {
    names.addAll(page.names());
    String next = page.continueAt();
    if (next.isEmpty()) {
      return;
    }
    List<String> got = page.names();
    if (got.isEmpty() || !next.startsWith(prefix) || next.length() > Names.MAX_LENGTH
        || KeyListing.compareBytes(next, got.get(got.size() - 1)) <= 0
        || !Names.isValidName(next)) {
      throw new KesTransportException(
          "the server's listing is not KES's: its continue_at does not follow its names", null);
    }
    collect(next, fetch, names);
    for (int i = next.length() - 1; i >= prefix.length(); i--) {
      String stem = next.substring(0, i);
      int from = NAME_CHARS.indexOf(next.charAt(i)) + 1;
      for (int c = from; c < NAME_CHARS.length(); c++) {
        String p = stem + NAME_CHARS.charAt(c);
        if (p.length() <= Names.MAX_LENGTH) {
          collect(p, fetch, names);
        }
      }
    }
  }

  /** Whether a server accepts {@code prefix} as a listing pattern as it is. */
  private static boolean requestable(String prefix) {
    return Names.isValidPattern(prefix) && !prefix.endsWith("*");
  }
}

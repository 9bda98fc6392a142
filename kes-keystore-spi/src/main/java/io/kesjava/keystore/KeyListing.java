package io.kesjava.keystore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One page of key names from {@link KeyStore#list(String, String, int)}.
 *
 * @param names the names, sorted ascending in byte order
 * @param continueAt the first name not returned, or empty when the listing is complete
 */
public record KeyListing(List<String> names, String continueAt) {

  /**
   * A page of names; {@code names} is copied.
   *
   * @throws NullPointerException if {@code names}, one of its elements, or {@code continueAt} is
   *     {@code null}
   */
  public KeyListing {
    names = List.copyOf(names);
    Objects.requireNonNull(continueAt, "continueAt");
  }

  /** An empty, complete listing. */
  public static KeyListing empty() {
    return new KeyListing(List.of(), "");
  }

  /**
   * Applies prefix, cursor and page size to all names a backend holds ({@code
   * docs/keystores/README.md#the-contract-every-store-keeps}, with a real cursor instead of the
   * upstream quirks).
   *
   * @param allNames every name in the backend, in any order (duplicates are dropped)
   * @param prefix the prefix names must start with; empty for all
   * @param continueAt names before this one are skipped; empty to start at the beginning
   * @param limit the page size, or {@code <= 0} for all
   */
  public static KeyListing page(
      Iterable<String> allNames, String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    java.util.TreeSet<String> sorted = new java.util.TreeSet<>(KeyListing::compareBytes);
    for (String name : allNames) {
      if (name.startsWith(prefix)
          && (continueAt.isEmpty() || compareBytes(name, continueAt) >= 0)) {
        sorted.add(name);
      }
    }
    java.util.ArrayList<String> page = new java.util.ArrayList<>();
    for (String name : sorted) {
      if (limit > 0 && page.size() == limit) {
        return new KeyListing(page, name);
      }
      page.add(name);
    }
    return new KeyListing(page, "");
  }

  /**
   * The page of a backend that can only enumerate all its names, such as a cloud secret manager:
   * checks the arguments before anything is asked of the backend, lets {@code walk} hand over every
   * name, and applies prefix, cursor and page size as {@link #page} does.
   *
   * @param walk hands every name in the backend to its argument, in any order; what it throws
   *     (such as the backend's failure) propagates
   * @throws NullPointerException if {@code prefix} or {@code continueAt} is {@code null}, before
   *     {@code walk} runs
   */
  public static KeyListing collect(
      String prefix, String continueAt, int limit, Consumer<Consumer<String>> walk) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    List<String> names = new ArrayList<>();
    walk.accept(names::add);
    return page(names, prefix, continueAt, limit);
  }

  /** Compares two names by their UTF-8 bytes, unsigned, as Go's sort of strings does. */
  public static int compareBytes(String a, String b) {
    byte[] x = a.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] y = b.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return java.util.Arrays.compareUnsigned(x, y);
  }
}

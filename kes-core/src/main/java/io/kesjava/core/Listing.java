package io.kesjava.core;

import java.util.List;
import java.util.Objects;

/**
 * Names returned by a listing of keys, policies or identities.
 *
 * @param names the names, sorted ascending by byte order
 * @param continueAt where a further listing would continue; empty when the listing is complete
 */
public record Listing(List<String> names, String continueAt) {

  public Listing {
    names = List.copyOf(names);
    Objects.requireNonNull(continueAt, "continueAt");
  }

  /** A complete listing of {@code names}. */
  public static Listing of(List<String> names) {
    return new Listing(names, "");
  }
}

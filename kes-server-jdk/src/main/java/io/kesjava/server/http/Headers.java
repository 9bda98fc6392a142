package io.kesjava.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header fields of one request or response, in the order given; names compare without case.
 * A request has few fields, so a linear scan beats a map.
 *
 * <p>Thread-safety: not thread-safe; used by one request's thread.
 */
final class Headers {

  /** Lower-case names and values, interleaved. */
  private final ArrayList<String> fields = new ArrayList<>(24);

  /** Adds a field; {@code lowerName} is already lower case. */
  void add(String lowerName, String value) {
    fields.add(lowerName);
    fields.add(value);
  }

  /** Replaces every field named {@code name} with one. */
  void set(String name, String value) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (int i = fields.size() - 2; i >= 0; i -= 2) {
      if (fields.get(i).equals(lower)) {
        fields.remove(i + 1);
        fields.remove(i);
      }
    }
    add(lower, value);
  }

  /** The first value of {@code lowerName}, or {@code null}. */
  String first(String lowerName) {
    for (int i = 0; i < fields.size(); i += 2) {
      if (fields.get(i).equals(lowerName)) {
        return fields.get(i + 1);
      }
    }
    return null;
  }

  /** Every value of {@code name}, in order; empty when there is none. */
  List<String> all(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>(1);
    for (int i = 0; i < fields.size(); i += 2) {
      if (fields.get(i).equals(lower)) {
        out.add(fields.get(i + 1));
      }
    }
    return out;
  }

  /** How many fields are named {@code lowerName}. */
  int count(String lowerName) {
    int n = 0;
    for (int i = 0; i < fields.size(); i += 2) {
      if (fields.get(i).equals(lowerName)) {
        n++;
      }
    }
    return n;
  }

  int size() {
    return fields.size() / 2;
  }

  String name(int i) {
    return fields.get(2 * i);
  }

  String value(int i) {
    return fields.get(2 * i + 1);
  }
}

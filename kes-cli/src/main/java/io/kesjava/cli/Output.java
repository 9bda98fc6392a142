package io.kesjava.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;

/** How the client commands print: Go's JSON and time formats, tables and labelled values. */
final class Output {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper INDENTED =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Output() {}

  /** {@code value} as compact JSON, or indented. */
  static String json(Object value, boolean indent) {
    try {
      return (indent ? INDENTED : JSON).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An insertion-ordered JSON object from name/value pairs; {@code null} values are left out. */
  static Map<String, Object> object(Object... pairs) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        m.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return m;
  }

  /** A set of policy patterns as KES writes them: an object of empty objects; null when empty. */
  static Map<String, Object> patterns(SortedSet<String> patterns) {
    if (patterns.isEmpty()) {
      return null;
    }
    Map<String, Object> m = new TreeMap<>();
    patterns.forEach(p -> m.put(p, Map.of()));
    return m;
  }

  /** A time as Go's {@code time.RFC3339Nano} in UTC: trailing zeros of the fraction removed. */
  static String goTime(Instant t) {
    String s = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
    int dot = s.indexOf('.');
    if (dot < 0) {
      return s;
    }
    int end = s.length() - 1; // before the Z
    int i = end;
    while (s.charAt(i - 1) == '0') {
      i--;
    }
    return s.charAt(i - 1) == '.' ? s.substring(0, i - 1) + "Z" : s.substring(0, i) + "Z";
  }

  /** A time as {@code YYYY-MM-DD hh:mm:ss} in the local zone. */
  static String date(Instant t) {
    return DATE.format(t.atZone(ZoneId.systemDefault()));
  }

  /** Lines of {@code label value}, labels padded to {@code width} columns. */
  static void labelled(PrintStream out, int width, String... pairs) {
    for (int i = 0; i < pairs.length; i += 2) {
      out.println(String.format("%-" + width + "s%s", pairs[i], pairs[i + 1]));
    }
  }

  /** {@code n} and a noun, singular for exactly one: {@code 1 key}, {@code 0 keys}. */
  static String count(long n, String noun) {
    return n + " " + (n == 1 ? noun : noun + "s");
  }

  /** A one-column table: the header, then one name per line; nothing when empty. */
  static void table(PrintStream out, String header, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    out.println(header);
    names.forEach(out::println);
  }
}

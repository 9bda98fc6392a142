package io.kesjava.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads request bodies as Go's {@code encoding/json} does ({@code docs/http-api.md#conventions}):
 * only the first JSON value; unknown members ignored; member names matched case-insensitively; the
 * last of repeated members wins; byte members as padded standard base64 with CR/LF ignored; {@code
 * null} leaves a string member as it was and clears a byte member (Go sets a {@code []byte} to
 * nil), so {@code {"plaintext":"QUFB","plaintext":null}} has an empty plaintext. Any failure is an
 * {@link IllegalArgumentException} without details: the caller answers with its route's fixed
 * message.
 *
 * <p>Thread-safety: the static methods are safe for concurrent use.
 */
public final class JsonIn {

  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonIn() {}

  /** Decoded members of one JSON object: strings, and byte members still as their base64 text. */
  public static final class Members {
    private final Map<String, String> values = new HashMap<>();
    /** Members whose last value was {@code null}. */
    private final Set<String> nulled = new HashSet<>();

    /** The string member {@code name}, or empty when absent. */
    public String string(String name) {
      return values.getOrDefault(name, "");
    }

    /** Whether the member was present with a non-null value (as a string member: a later null keeps it). */
    public boolean has(String name) {
      return values.containsKey(name);
    }

    /**
     * The byte member {@code name} decoded from base64; empty when absent or when its last value
     * was {@code null}.
     *
     * @throws IllegalArgumentException if it is not valid padded standard base64
     */
    public byte[] bytes(String name) {
      String s = nulled.contains(name) ? null : values.get(name);
      return s == null ? new byte[0] : Base64Std.decode(s);
    }
  }

  /**
   * Reads the first JSON value of {@code body} as an object with the members {@code names}. {@code
   * null} reads as an object without members.
   *
   * @throws IllegalArgumentException if the body is empty, not JSON, not an object, or a known
   *     member is not a string
   */
  public static Members object(byte[] body, String... names) {
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("empty body");
      }
      return readObject(p, t, names);
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON");
    }
  }

  /**
   * Reads the first JSON value of {@code body} as an array of objects with the members {@code
   * names}; {@code null} reads as an empty array.
   *
   * @throws IllegalArgumentException as {@link #object(byte[], String...)}
   */
  public static List<Members> array(byte[] body, String... names) {
    try (JsonParser p = FACTORY.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        throw new IllegalArgumentException("empty body");
      }
      List<Members> out = new ArrayList<>();
      if (t == JsonToken.VALUE_NULL) {
        return out;
      }
      if (t != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("not an array");
      }
      for (t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t == null) {
          throw new IllegalArgumentException("truncated");
        }
        out.add(readObject(p, t, names));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalArgumentException("malformed JSON");
    }
  }

  private static Members readObject(JsonParser p, JsonToken first, String[] names)
      throws IOException {
    Members m = new Members();
    if (first == JsonToken.VALUE_NULL) {
      return m;
    }
    if (first != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not an object");
    }
    boolean typeError = false;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
      if (t != JsonToken.FIELD_NAME) {
        throw new IllegalArgumentException("malformed JSON");
      }
      String field = match(p.currentName(), names);
      JsonToken v = p.nextToken();
      if (v == null) {
        throw new IllegalArgumentException("truncated");
      }
      if (field == null) {
        p.skipChildren();
      } else if (v == JsonToken.VALUE_STRING) {
        m.values.put(field, p.getText());
        m.nulled.remove(field);
      } else if (v == JsonToken.VALUE_NULL) {
        // Go: null leaves a string unchanged and sets a byte slice to nil. Which one a member is
        // is known when it is read: string() ignores this, bytes() reads it as empty.
        m.nulled.add(field);
      } else {
        // Go records the type error, reads on to check the syntax, and then fails.
        typeError = true;
        p.skipChildren();
      }
    }
    if (typeError) {
      throw new IllegalArgumentException("wrong member type");
    }
    return m;
  }

  /** The field {@code name} maps to: exact match first, else Unicode simple case folding. */
  private static String match(String name, String[] names) {
    for (String n : names) {
      if (n.equals(name)) {
        return n;
      }
    }
    for (String n : names) {
      if (equalFold(n, name)) {
        return n;
      }
    }
    return null;
  }

  static boolean equalFold(String a, String b) {
    int[] x = a.codePoints().map(JsonIn::fold).toArray();
    int[] y = b.codePoints().map(JsonIn::fold).toArray();
    return Arrays.equals(x, y);
  }

  private static int fold(int c) {
    return Character.toLowerCase(Character.toUpperCase(c));
  }
}

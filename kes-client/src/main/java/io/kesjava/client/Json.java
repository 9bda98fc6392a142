package io.kesjava.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Iterator;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reading KES's JSON responses and writing its request bodies. Members are read as kms-go reads
 * them: a missing member is its zero value, byte strings are standard padded base64, times are RFC
 * 3339 ({@code docs/http-api.md#conventions}).
 *
 * <p>Thread-safety: stateless.
 */
final class Json {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /**
   * Parses a response body that must be one JSON object.
   *
   * @throws KesTransportException if it is not
   */
  static JsonNode object(byte[] body, String what) {
    JsonNode node = tree(body, what);
    if (!node.isObject()) {
      throw malformed(what, null);
    }
    return node;
  }

  /** Parses a response body that must be one JSON value. */
  static JsonNode tree(byte[] body, String what) {
    try {
      JsonNode node = MAPPER.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw malformed(what, null);
      }
      return node;
    } catch (JsonProcessingException e) {
      throw malformed(what, null); // the parser's message may quote the body: leave it out
    } catch (IOException e) {
      throw malformed(what, null);
    }
  }

  static KesTransportException malformed(String what, Throwable cause) {
    return new KesTransportException("the server sent a malformed " + what, cause);
  }

  /** A string member; empty when absent or null. */
  static String string(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw malformed("member '" + name + "'", null);
    }
    return v.asText();
  }

  /** A boolean member; false when absent. */
  static boolean bool(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw malformed("member '" + name + "'", null);
    }
    return v.asBoolean();
  }

  /** A numeric member; 0 when absent. */
  static double number(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isNumber()) {
      throw malformed("member '" + name + "'", null);
    }
    return v.asDouble();
  }

  /** An integer member; 0 when absent. */
  static long integer(JsonNode node, String name) {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw malformed("member '" + name + "'", null);
    }
    return v.asLong();
  }

  /** A base64 byte-string member; empty when absent or null. */
  static byte[] bytes(JsonNode node, String name) {
    String s = string(node, name);
    try {
      return Base64.getDecoder().decode(s.replace("\r", "").replace("\n", "")
          .getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw malformed("member '" + name + "'", null);
    }
  }

  /** An RFC 3339 time member; {@link Instant#EPOCH} is never assumed: absent is an error. */
  static Instant time(JsonNode node, String name) {
    String s = string(node, name);
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw malformed("member '" + name + "'", null);
    }
  }

  /**
   * A set of patterns: a JSON object whose member names are the patterns (current servers), or an
   * array of strings (v0.22); empty when absent.
   */
  static SortedSet<String> patterns(JsonNode node, String name) {
    SortedSet<String> out = new TreeSet<>();
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      return out;
    }
    if (v.isObject()) {
      for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
        out.add(it.next());
      }
    } else if (v.isArray()) {
      for (JsonNode e : v) {
        if (!e.isTextual()) {
          throw malformed("member '" + name + "'", null);
        }
        out.add(e.asText());
      }
    } else {
      throw malformed("member '" + name + "'", null);
    }
    return out;
  }

  /**
   * A request body of base64 members, written without intermediate strings so that the caller
   * can zero it after the request: {@code names[i]} holds {@code values[i]}; a {@code null} value
   * is left out.
   */
  static byte[] bytesBody(String[] names, byte[][] values) {
    Base64.Encoder enc = Base64.getEncoder();
    int size = 2;
    int members = 0;
    byte[][] encoded = new byte[values.length][];
    for (int i = 0; i < values.length; i++) {
      if (values[i] != null) {
        encoded[i] = enc.encode(values[i]);
        size += names[i].length() + encoded[i].length + 5; // "name":"value"
        members++;
      }
    }
    size += Math.max(0, members - 1); // commas
    byte[] out = new byte[size];
    int p = 0;
    out[p++] = '{';
    boolean first = true;
    for (int i = 0; i < values.length; i++) {
      if (encoded[i] == null) {
        continue;
      }
      if (!first) {
        out[p++] = ',';
      }
      first = false;
      out[p++] = '"';
      byte[] n = names[i].getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(n, 0, out, p, n.length);
      p += n.length;
      out[p++] = '"';
      out[p++] = ':';
      out[p++] = '"';
      System.arraycopy(encoded[i], 0, out, p, encoded[i].length);
      p += encoded[i].length;
      out[p++] = '"';
      java.util.Arrays.fill(encoded[i], (byte) 0);
    }
    out[p] = '}';
    return out;
  }

  /**
   * {@code body}, a JSON object, with the string member {@code name} added when {@code value} is
   * not {@code null}; {@code body} is zeroed and replaced then.
   */
  static byte[] withString(byte[] body, String name, String value) {
    if (value == null) {
      return body;
    }
    byte[] member;
    try {
      member = (MAPPER.writeValueAsString(name) + ":" + MAPPER.writeValueAsString(value))
          .getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a string cannot be written as JSON", e);
    }
    boolean empty = body.length == 2;
    byte[] out = new byte[body.length + member.length + (empty ? 0 : 1)];
    System.arraycopy(body, 0, out, 0, body.length - 1);
    int p = body.length - 1;
    if (!empty) {
      out[p++] = ',';
    }
    System.arraycopy(member, 0, out, p, member.length);
    out[out.length - 1] = '}';
    java.util.Arrays.fill(body, (byte) 0);
    return out;
  }
}

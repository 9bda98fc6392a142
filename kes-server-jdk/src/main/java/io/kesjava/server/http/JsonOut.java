package io.kesjava.server.http;

import io.kesjava.keystore.internal.GoJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Collection;

/**
 * A compact JSON writer that produces what Go's {@code encoding/json} produces ({@code
 * docs/http-api.md#conventions}): members in the order written, {@code <}, {@code >}, {@code &},
 * U+2028 and U+2029 escaped as {@code \\u003c} and so on, byte strings as padded standard base64,
 * times as RFC 3339 with nanoseconds.
 *
 * <p>Thread-safety: not thread-safe; one per response.
 */
public final class JsonOut {

  private final StringBuilder sb = new StringBuilder(128);
  private boolean needComma;

  /** Starts an object; as a member value when a name was written just before. */
  public JsonOut beginObject() {
    comma();
    sb.append('{');
    needComma = false;
    return this;
  }

  /** Ends the current object. */
  public JsonOut endObject() {
    sb.append('}');
    needComma = true;
    return this;
  }

  /** Starts an array. */
  public JsonOut beginArray() {
    comma();
    sb.append('[');
    needComma = false;
    return this;
  }

  /** Ends the current array. */
  public JsonOut endArray() {
    sb.append(']');
    needComma = true;
    return this;
  }

  /** Writes a member name; the next value written is its value. */
  public JsonOut name(String name) {
    comma();
    GoJson.quote(sb, name);
    sb.append(':');
    needComma = false;
    return this;
  }

  /** Writes a string value. */
  public JsonOut value(String s) {
    comma();
    GoJson.quote(sb, s);
    needComma = true;
    return this;
  }

  /** Writes a number value. */
  public JsonOut value(long n) {
    comma();
    sb.append(n);
    needComma = true;
    return this;
  }

  /** Writes a boolean value. */
  public JsonOut value(boolean b) {
    comma();
    sb.append(b);
    needComma = true;
    return this;
  }

  /** Writes bytes as padded standard base64. */
  public JsonOut value(byte[] bytes) {
    comma();
    // The base64 alphabet (A-Z, a-z, 0-9, '+', '/', '=') needs no JSON escaping, so the text goes
    // in as it is: quoting it char by char was a tenth of a generate request's CPU time.
    sb.append('"').append(Base64.getEncoder().encodeToString(bytes)).append('"');
    needComma = true;
    return this;
  }

  /** Writes a time as RFC 3339 with up to nine fractional digits in {@code zone}. */
  public JsonOut value(Instant time, ZoneId zone) {
    return value(GoTime.rfc3339Nano(time, zone));
  }

  /** Writes a member with a string value. */
  public JsonOut member(String name, String value) {
    return name(name).value(value);
  }

  /** Writes a member with a string value, unless the value is empty (Go {@code omitempty}). */
  public JsonOut memberOmitEmpty(String name, String value) {
    return value.isEmpty() ? this : name(name).value(value);
  }

  /** Writes a member with a number value. */
  public JsonOut member(String name, long value) {
    return name(name).value(value);
  }

  /** Writes a member with a boolean value. */
  public JsonOut member(String name, boolean value) {
    return name(name).value(value);
  }

  /** Writes an array of strings. */
  public JsonOut stringArray(Collection<String> values) {
    beginArray();
    for (String v : values) {
      value(v);
    }
    return endArray();
  }

  /**
   * Writes a set of patterns as an object whose members are all {@code {}}
   * (docs/http-api.md#read-a-policy).
   */
  public JsonOut patternSet(Collection<String> patterns) {
    beginObject();
    for (String p : patterns) {
      name(p).beginObject().endObject();
    }
    return endObject();
  }

  /** The JSON text followed by {@code \n}, as UTF-8, as Go's {@code json.Encoder} writes it. */
  public byte[] toLine() {
    return (sb + "\n").getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return sb.toString();
  }

  private void comma() {
    if (needComma) {
      sb.append(',');
    }
  }
}

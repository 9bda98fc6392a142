package io.kesjava.crypto;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small strict JSON reader (RFC 8259) for the two legacy formats: stored key versions ({@code
 * docs/formats.md#stored-keys}) and JSON ciphertexts. It exists so that kes-crypto needs nothing
 * but the JDK.
 *
 * <p>Values are {@link Obj}, {@link List}, {@link String}, {@link Boolean}, {@link Num} and {@link
 * #NULL}. Member names are kept as written; {@link Obj#get(String)} matches them as Go's {@code
 * encoding/json} does: case-insensitively, the last of several matches winning.
 *
 * <p>Invalid UTF-8 is read with replacement characters, as Go does inside strings. Nesting deeper than
 * {@value #MAX_DEPTH} is reported as a syntax error instead of risking the stack.
 */
final class Json {

  /** The JSON {@code null}. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  static final int MAX_DEPTH = 256;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value with optional surrounding whitespace.
   *
   * @throws IllegalArgumentException if the input is not exactly one JSON value; the message names
   *     the position, never the content
   */
  static Object parse(byte[] utf8) {
    Json p = new Json(new String(utf8, StandardCharsets.UTF_8));
    p.skipWhitespace();
    Object value = p.value(0);
    p.skipWhitespace();
    if (p.pos != p.text.length()) {
      throw p.error("unexpected data after the value");
    }
    return value;
  }

  /** Whether the input is exactly one JSON value (Go's {@code json.Valid}). */
  static boolean isValid(byte[] utf8) {
    try {
      parse(utf8);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested too deeply");
    }
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character");
    }
  }

  private Obj object(int depth) {
    pos++; // '{'
    List<Member> members = new ArrayList<>();
    skipWhitespace();
    if (peek() == '}') {
      pos++;
      return new Obj(members);
    }
    while (true) {
      skipWhitespace();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      String name = string();
      skipWhitespace();
      expect(':');
      skipWhitespace();
      members.add(new Member(name, value(depth + 1)));
      skipWhitespace();
      char c = next();
      if (c == '}') {
        return new Obj(members);
      }
      if (c != ',') {
        throw error("expected ',' or '}'");
      }
    }
  }

  private List<Object> array(int depth) {
    pos++; // '['
    List<Object> items = new ArrayList<>();
    skipWhitespace();
    if (peek() == ']') {
      pos++;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      skipWhitespace();
      items.add(value(depth + 1));
      skipWhitespace();
      char c = next();
      if (c == ']') {
        return Collections.unmodifiableList(items);
      }
      if (c != ',') {
        throw error("expected ',' or ']'");
      }
    }
  }

  private String string() {
    pos++; // '"'
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        throw error("control character in string");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"':
        case '\\':
        case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          sb.append((char) hex4());
          break;
        default:
          throw error("invalid escape");
      }
    }
  }

  private int hex4() {
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(next(), 16);
      if (d < 0) {
        throw error("invalid \\u escape");
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private Num number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (isDigit(peek())) {
      digits();
    } else {
      throw error("invalid number");
    }
    if (peek() == '.') {
      pos++;
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!isDigit(peek())) {
        throw error("invalid number");
      }
      digits();
    }
    return new Num(text.substring(start, pos));
  }

  private void digits() {
    while (isDigit(peek())) {
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("invalid literal");
    }
    pos += word.length();
    return value;
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (next() != c) {
      throw error("expected '" + c + "'");
    }
  }

  /** The next character, or NUL at the end (NUL is never valid where it is looked at). */
  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private char next() {
    if (pos >= text.length()) {
      throw error("unexpected end of input");
    }
    return text.charAt(pos++);
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
  }

  /** A JSON number, kept as its text: the legacy formats never need its value. */
  static final class Num {
    private final String text;

    Num(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  /** A member of an object, in input order. */
  static final class Member {
    final String name;
    final Object value;

    Member(String name, Object value) {
      this.name = name;
      this.value = value;
    }
  }

  /** A JSON object with Go's case-insensitive member lookup. */
  static final class Obj {
    private final List<Member> members;

    Obj(List<Member> members) {
      this.members = Collections.unmodifiableList(members);
    }

    /**
     * Returns the value of the last member whose name equals {@code name} ignoring case (as Go's
     * {@code encoding/json} assigns a struct field), {@link #NULL} for a JSON null, or {@code null}
     * if there is no such member.
     */
    Object get(String name) {
      Object found = null;
      for (Member m : members) {
        if (m.name.equalsIgnoreCase(name)) {
          found = m.value;
        }
      }
      return found;
    }

    /**
     * Returns a string member as Go decodes it into a string field: absent or null give "", a
     * string gives itself.
     *
     * @throws IllegalArgumentException if the member has another type
     */
    String string(String name) {
      Object v = get(name);
      if (v == null || v == NULL) {
        return "";
      }
      if (!(v instanceof String)) {
        throw new IllegalArgumentException("member '" + name + "' is not a string");
      }
      return (String) v;
    }
  }
}

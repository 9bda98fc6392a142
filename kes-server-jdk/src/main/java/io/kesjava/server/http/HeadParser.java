package io.kesjava.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads one request head, strictly (RFC 9112): a request line of exactly three parts, HTTP/1.0 or
 * HTTP/1.1, header fields of token names, every line ended by CRLF, no NUL or other control
 * character but HT, at most so many fields and bytes; then checks the fields that frame the
 * request: exactly one {@code Host} on HTTP/1.1, a plain decimal {@code Content-Length}, {@code
 * Transfer-Encoding: chunked} only (and never with a length or on HTTP/1.0), {@code Expect:
 * 100-continue} only. Whatever fails is an {@link HttpError}; nothing of such a request reaches a
 * route.
 *
 * <p>Thread-safety: stateless.
 */
final class HeadParser {

  /** RFC 9110 token characters. */
  private static final boolean[] TCHAR = table("!#$%&'*+-.^_`|~");
  /** Characters of a path segment (RFC 3986 pchar, without pct-encoded) and '/'. */
  private static final boolean[] PATH = table("-._~!$&'()*+,;=:@/");
  /** Characters of a query: pchar, '/' and '?'. */
  private static final boolean[] QUERY = table("-._~!$&'()*+,;=:@/?");
  /** Characters of a Host value: reg-name, IP literal and port. */
  private static final boolean[] HOST = table("-._~!$&'()*+,;=:[]%");

  private HeadParser() {}

  private static boolean[] table(String extra) {
    boolean[] t = new boolean[128];
    for (int c = '0'; c <= '9'; c++) {
      t[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      t[c] = true;
      t[c - 32] = true;
    }
    for (char c : extra.toCharArray()) {
      t[c] = true;
    }
    return t;
  }

  /**
   * Reads the next head from {@code in}.
   *
   * @param maxBytes the most bytes of the head (request line and fields, with line ends)
   * @param maxFields the most header fields
   * @return the head; {@code null} if the stream ends before its first byte
   * @throws HttpError if the head breaks a rule, or is cut short
   * @throws IOException if reading fails (a timeout closes the socket)
   */
  static RequestHead read(HttpInput in, int maxBytes, int maxFields)
      throws IOException, HttpError {
    // Line boundaries relative to in.pos, which stays at the head's start until it is complete.
    int[] starts = new int[Math.min(maxFields, 32) + 2];
    int[] ends = new int[starts.length];
    int lines = 0;
    int rel = 0;
    int lineStart = 0;
    while (true) {
      if (in.pos + rel == in.lim) {
        if (rel >= maxBytes) {
          throw new HttpError(431, "request header fields too large");
        }
        if (!in.canHold(rel + 1) || !in.fill()) {
          if (rel == 0) {
            return null;
          }
          throw HttpError.badRequest(HttpError.MALFORMED);
        }
        continue;
      }
      int b = in.buf[in.pos + rel] & 0xFF;
      rel++;
      if (rel > 1 && in.buf[in.pos + rel - 2] == '\r' && b != '\n') {
        throw HttpError.badRequest("malformed HTTP request: bare CR");
      }
      if (b == '\n') {
        if (rel - 2 < lineStart || in.buf[in.pos + rel - 2] != '\r') {
          throw HttpError.badRequest("malformed HTTP request: bare LF");
        }
        int end = rel - 2;
        if (end == lineStart) {
          if (lines > 0) {
            break; // the empty line that ends the head
          }
          lineStart = rel; // an empty line before the request line is ignored (RFC 9112 2.2)
          continue;
        }
        if (lines > maxFields) {
          throw new HttpError(431, "too many request header fields");
        }
        if (lines == starts.length) {
          starts = Arrays.copyOf(starts, Math.min(maxFields + 1, lines * 2));
          ends = Arrays.copyOf(ends, starts.length);
        }
        starts[lines] = lineStart;
        ends[lines] = end;
        lines++;
        lineStart = rel;
      } else if (b == 0) {
        throw HttpError.badRequest("malformed HTTP request: NUL character");
      } else if ((b < 0x20 && b != '\t' && b != '\r') || b == 0x7F) {
        throw HttpError.badRequest("malformed HTTP request: control character");
      }
    }
    if (rel > maxBytes) {
      throw new HttpError(431, "request header fields too large");
    }
    byte[] buf = in.buf;
    int base = in.pos;
    in.pos += rel;
    return head(buf, base, starts, ends, lines, maxFields);
  }

  private static RequestHead head(byte[] buf, int base, int[] starts, int[] ends, int lines,
      int maxFields) throws HttpError {
    // Request line: method SP target SP version, nothing more.
    int s = base + starts[0];
    int e = base + ends[0];
    int sp1 = indexOf(buf, s, e, ' ');
    int sp2 = sp1 < 0 ? -1 : indexOf(buf, sp1 + 1, e, ' ');
    if (sp1 <= s || sp2 < 0 || sp2 == sp1 + 1 || indexOf(buf, sp2 + 1, e, ' ') >= 0) {
      throw HttpError.badRequest("malformed HTTP request line");
    }
    for (int i = s; i < sp1; i++) {
      if (!is(TCHAR, buf[i])) {
        throw HttpError.badRequest("malformed HTTP request line");
      }
    }
    boolean http11 = version(buf, sp2 + 1, e);
    String method = method(buf, s, sp1);
    String target = new String(buf, sp1 + 1, sp2 - sp1 - 1, StandardCharsets.ISO_8859_1);

    Headers headers = new Headers();
    for (int l = 1; l < lines; l++) {
      field(buf, base + starts[l], base + ends[l], headers);
    }

    int hosts = headers.count("host");
    if (hosts > 1 || (http11 && hosts == 0)) {
      throw HttpError.badRequest(hosts == 0 ? "missing Host header" : "too many Host headers");
    }
    if (hosts == 1 && !validHost(headers.first("host"))) {
      throw HttpError.badRequest("malformed Host header");
    }
    long length = contentLength(headers);
    int codings = headers.count("transfer-encoding");
    if (codings > 0) {
      if (codings > 1 || !http11 || length >= 0) {
        throw HttpError.badRequest("malformed Transfer-Encoding");
      }
      String te = headers.first("transfer-encoding").trim();
      if (!te.equalsIgnoreCase("chunked")) {
        if (te.isEmpty() || te.startsWith(",") || te.endsWith(",") || te.contains(",,")) {
          throw HttpError.badRequest("malformed Transfer-Encoding");
        }
        throw new HttpError(501, "unsupported transfer encoding");
      }
      length = -1;
    } else if (length < 0) {
      length = 0;
    }
    boolean expectContinue = false;
    int expects = headers.count("expect");
    if (expects > 0) {
      if (expects > 1 || !headers.first("expect").trim().equalsIgnoreCase("100-continue")) {
        throw new HttpError(417, "unsupported expectation");
      }
      expectContinue = http11 && length != 0;
    }
    boolean close = !http11 || hasToken(headers.all("connection"), "close");

    String path;
    String query = null;
    int q = target.indexOf('?');
    String rawPath = q < 0 ? target : target.substring(0, q);
    if (q >= 0) {
      query = target.substring(q + 1);
    }
    rawPath = originPath(rawPath);
    check(rawPath, PATH);
    if (query != null) {
      check(query, QUERY);
    }
    path = rawPath.indexOf('%') < 0 ? rawPath : decode(rawPath);
    return new RequestHead(method, target, path, query, http11, headers, length, expectContinue,
        close);
  }

  /** The path of an origin-form target, or of an absolute-form one ({@code https://host/p}). */
  private static String originPath(String rawPath) throws HttpError {
    if (rawPath.startsWith("/")) {
      return rawPath;
    }
    String lower = rawPath.length() > 8 ? rawPath.substring(0, 8).toLowerCase() : "";
    int skip = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
    if (skip < 0) {
      throw HttpError.badRequest("malformed HTTP request target");
    }
    int slash = rawPath.indexOf('/', skip);
    String authority = slash < 0 ? rawPath.substring(skip) : rawPath.substring(skip, slash);
    if (authority.isEmpty() || authority.indexOf('@') >= 0 || !validHost(authority)) {
      throw HttpError.badRequest("malformed HTTP request target");
    }
    return slash < 0 ? "/" : rawPath.substring(slash);
  }

  private static void check(String s, boolean[] allowed) throws HttpError {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length() || hex(s.charAt(i + 1)) < 0 || hex(s.charAt(i + 2)) < 0) {
          throw HttpError.badRequest("malformed HTTP request target: invalid escape");
        }
        i += 2;
      } else if (c >= 128 || !allowed[c]) {
        throw HttpError.badRequest("malformed HTTP request target");
      }
    }
  }

  /** Percent-decodes a checked path as UTF-8; malformed sequences become U+FFFD. */
  private static String decode(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%') {
        out.write(hex(s.charAt(i + 1)) << 4 | hex(s.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** True for HTTP/1.1, false for HTTP/1.0; 505 for another version, 400 for no version. */
  private static boolean version(byte[] b, int s, int e) throws HttpError {
    if (e - s == 8 && b[s] == 'H' && b[s + 1] == 'T' && b[s + 2] == 'T' && b[s + 3] == 'P'
        && b[s + 4] == '/' && b[s + 5] == '1' && b[s + 6] == '.') {
      if (b[s + 7] == '1') {
        return true;
      }
      if (b[s + 7] == '0') {
        return false;
      }
    }
    String v = new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    if (v.matches("HTTP/[0-9]+(\\.[0-9]+)?")) {
      throw new HttpError(505, "unsupported HTTP version");
    }
    throw HttpError.badRequest("malformed HTTP version");
  }

  private static String method(byte[] b, int s, int e) {
    int n = e - s;
    if (n == 3 && b[s] == 'G' && b[s + 1] == 'E' && b[s + 2] == 'T') {
      return "GET";
    }
    if (n == 3 && b[s] == 'P' && b[s + 1] == 'U' && b[s + 2] == 'T') {
      return "PUT";
    }
    if (n == 4 && b[s] == 'P' && b[s + 1] == 'O' && b[s + 2] == 'S' && b[s + 3] == 'T') {
      return "POST";
    }
    return new String(b, s, n, StandardCharsets.ISO_8859_1);
  }

  /** One {@code name: value} line into {@code headers}; the name lower-cased. */
  private static void field(byte[] b, int s, int e, Headers headers) throws HttpError {
    int colon = indexOf(b, s, e, ':');
    if (colon <= s) {
      // no name, or a line that starts with whitespace (obsolete line folding)
      throw HttpError.badRequest("malformed HTTP header");
    }
    char[] name = new char[colon - s];
    for (int i = s; i < colon; i++) {
      byte c = b[i];
      if (!is(TCHAR, c)) {
        throw HttpError.badRequest("malformed HTTP header name");
      }
      name[i - s] = (char) (c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    int vs = colon + 1;
    int ve = e;
    while (vs < ve && (b[vs] == ' ' || b[vs] == '\t')) {
      vs++;
    }
    while (ve > vs && (b[ve - 1] == ' ' || b[ve - 1] == '\t')) {
      ve--;
    }
    headers.add(new String(name), new String(b, vs, ve - vs, StandardCharsets.ISO_8859_1));
  }

  /** The Content-Length, or -1 without one; 400 unless every value is the same plain number. */
  private static long contentLength(Headers headers) throws HttpError {
    long length = -1;
    for (int i = 0; i < headers.size(); i++) {
      if (!headers.name(i).equals("content-length")) {
        continue;
      }
      String v = headers.value(i);
      if (v.isEmpty() || v.length() > 18) {
        throw HttpError.badRequest("malformed Content-Length");
      }
      long n = 0;
      for (int k = 0; k < v.length(); k++) {
        char c = v.charAt(k);
        if (c < '0' || c > '9') {
          throw HttpError.badRequest("malformed Content-Length");
        }
        n = n * 10 + (c - '0');
      }
      if (length >= 0 && length != n) {
        throw HttpError.badRequest("malformed Content-Length");
      }
      length = n;
    }
    return length;
  }

  private static boolean validHost(String host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (c >= 128 || !HOST[c]) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasToken(java.util.List<String> values, String token) {
    for (String v : values) {
      for (String t : v.split(",")) {
        if (t.trim().equalsIgnoreCase(token)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int indexOf(byte[] b, int s, int e, char c) {
    for (int i = s; i < e; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean is(boolean[] table, byte c) {
    return c >= 0 && table[c];
  }
}

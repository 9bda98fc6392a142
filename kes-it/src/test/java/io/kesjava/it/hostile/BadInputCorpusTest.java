package io.kesjava.it.hostile;

import static io.kesjava.it.hostile.RawClient.bytes;
import static io.kesjava.it.hostile.RawClient.concat;
import static io.kesjava.it.hostile.RawClient.head;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad input against a real {@code kes server}: malformed request lines, URIs, header
 * fields, framing and chunked bodies, oversized heads and bodies, bad JSON and base64, names,
 * methods, path traversal and request smuggling. For every case: the answer has the status named
 * (never a 5xx but 501 for an unknown transfer coding and 505 for an unknown HTTP version), every
 * error body is KES's {@code {"message":...}} (the router's 404 text aside) without a Java class
 * name, stack trace or HTML; nothing of a refused request is acted on. After each batch of cases a
 * normal request still works.
 */
class BadInputCorpusTest {

  @TempDir static Path dir;
  static HostileServer server;
  static RawClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = HostileServer.start(dir);
    admin = new RawClient(server.adminContext(), server.port());
    assertThat(admin.send(put("/v1/key/create/k", null)).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  /** What a case expects: a status, and the message when the HTTP layer wrote it. */
  record Case(String name, byte[] request, int status, String message, boolean halfClose) {
    static Case of(String name, byte[] request, int status, String message) {
      return new Case(name, request, status, message, false);
    }

    /** A 4xx decided by a route (its own message). */
    static Case client(String name, byte[] request) {
      return new Case(name, request, 499, null, false);
    }

    Case halfClosed() {
      return new Case(name, request, status, message, true);
    }
  }

  static byte[] get(String target) {
    return head("GET " + target + " HTTP/1.1", "Host: x", "Connection: close");
  }

  static byte[] put(String target, String json) {
    if (json == null) {
      return head("PUT " + target + " HTTP/1.1", "Host: x", "Connection: close");
    }
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    return concat(head("PUT " + target + " HTTP/1.1", "Host: x", "Connection: close",
        "Content-Length: " + body.length), body);
  }

  static byte[] chunked(String target, String rawBody) {
    return concat(head("PUT " + target + " HTTP/1.1", "Host: x", "Connection: close",
        "Transfer-Encoding: chunked"), bytes(rawBody));
  }

  static byte[] withFields(String requestLine, String... fields) {
    return head(requestLine, fields);
  }

  static final String LINE = "bad request line";
  static final String URI = "bad request target";
  static final String FIELD = "bad header field";
  static final String FRAME = "bad framing";
  static final String CHUNK = "bad chunked body";
  static final String LIMIT = "limits";
  static final String JSON = "bad JSON and base64";
  static final String NAME = "names and traversal";
  static final String METHOD = "methods";
  static final String SMUGGLE = "smuggling and pipelining";

  static final String BAD_LINE = "malformed HTTP request line";
  static final String BAD_TARGET = "malformed HTTP request target";
  static final String BAD_ESCAPE = "malformed HTTP request target: invalid escape";
  static final String VERSION = "unsupported HTTP version";
  static final String BAD_LENGTH = "malformed Content-Length";
  static final String BAD_TE = "malformed Transfer-Encoding";
  static final String TE = "unsupported transfer encoding";
  static final String TOO_LARGE = "request header fields too large";
  static final String TOO_MANY = "too many request header fields";
  static final String BAD_BODY = "invalid request body";

  static List<Case> corpus() {
    List<Case> c = new ArrayList<>();
    // --- request lines ---------------------------------------------------------------------
    c.add(Case.of(LINE + ": extra token acts on nothing (PUT /v1/key/create/zz b)",
        head("PUT /v1/key/create/zz b HTTP/1.1", "Host: x"), 400, BAD_LINE));
    c.add(Case.of(LINE + ": extra token after the version", head("GET /version HTTP/1.1 x",
        "Host: x"), 400, BAD_LINE));
    c.add(Case.of(LINE + ": two spaces", head("GET  /version HTTP/1.1", "Host: x"), 400,
        BAD_LINE));
    c.add(Case.of(LINE + ": trailing space", head("GET /version HTTP/1.1 ", "Host: x"), 400,
        BAD_LINE));
    c.add(Case.of(LINE + ": no version (HTTP/0.9)", head("GET /version", "Host: x"), 400,
        BAD_LINE));
    c.add(Case.of(LINE + ": HTTP/2.0", head("GET /version HTTP/2.0", "Host: x"), 505, VERSION));
    c.add(Case.of(LINE + ": HTTP/9.9", head("GET /version HTTP/9.9", "Host: x"), 505, VERSION));
    c.add(Case.of(LINE + ": HTTP/1.2", head("GET /version HTTP/1.2", "Host: x"), 505, VERSION));
    c.add(Case.of(LINE + ": HTTP/0.9", head("GET /version HTTP/0.9", "Host: x"), 505, VERSION));
    c.add(Case.of(LINE + ": the HTTP/2 preface", bytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), 505,
        VERSION));
    c.add(Case.of(LINE + ": lower-case version", head("GET /version http/1.1", "Host: x"), 400,
        "malformed HTTP version"));
    c.add(Case.of(LINE + ": version with junk", head("GET /version HTTP/1.1x", "Host: x"), 400,
        "malformed HTTP version"));
    c.add(Case.of(LINE + ": not a token method", head("G@T /version HTTP/1.1", "Host: x"), 400,
        BAD_LINE));
    c.add(Case.of(LINE + ": tab before the method", head("\tGET /version HTTP/1.1", "Host: x"),
        400, BAD_LINE));
    c.add(Case.of(LINE + ": tab as separator", head("GET\t/version HTTP/1.1", "Host: x"), 400,
        BAD_LINE));
    c.add(Case.of(LINE + ": NUL in the target", head("GET /ver\0sion HTTP/1.1", "Host: x"), 400,
        "malformed HTTP request: NUL character"));
    c.add(Case.of(LINE + ": control character", head("GET /ver\u0001sion HTTP/1.1", "Host: x"),
        400, "malformed HTTP request: control character"));
    c.add(Case.of(LINE + ": DEL", head("GET /ver\u007fsion HTTP/1.1", "Host: x"), 400,
        "malformed HTTP request: control character"));
    c.add(Case.of(LINE + ": only line ends", bytes("\r\n\r\n\r\n"), 400,
        "malformed HTTP request").halfClosed());
    c.add(Case.of(LINE + ": a line end before the request is ignored",
        concat(bytes("\r\n"), get("/version")), 200, null));
    c.add(Case.of(LINE + ": relative target", head("GET version HTTP/1.1", "Host: x"), 400,
        BAD_TARGET));
    c.add(Case.of(LINE + ": asterisk target", head("OPTIONS * HTTP/1.1", "Host: x"), 400,
        BAD_TARGET));
    c.add(Case.of(LINE + ": authority target", head("CONNECT 127.0.0.1:443 HTTP/1.1",
        "Host: x"), 400, BAD_TARGET));
    c.add(Case.of(LINE + ": absolute target is accepted",
        head("GET https://localhost:7373/version HTTP/1.1", "Host: x", "Connection: close"), 200,
        null));
    c.add(Case.of(LINE + ": absolute target with user info",
        head("GET https://a@localhost/version HTTP/1.1", "Host: x"), 400, BAD_TARGET));
    c.add(Case.of(LINE + ": absolute target of another scheme",
        head("GET ftp://localhost/version HTTP/1.1", "Host: x"), 400, BAD_TARGET));
    // --- URIs ------------------------------------------------------------------------------
    for (String t : new String[] {"%zz", "%", "%2", "%G0", "a%", "%%", "x%0"}) {
      c.add(Case.of(URI + ": escape '" + t + "' creates nothing",
          put("/v1/key/create/" + t, null), 400, BAD_ESCAPE));
    }
    for (String t : new String[] {"{a}", "a|b", "a^b", "a\"b", "a<b", "a>b", "a\\b", "a`b",
        "a[b", "a]b", "a\u00e9", "a#b", "a b"}) {
      int status = 400;
      String msg = t.equals("a b") ? BAD_LINE : BAD_TARGET;
      c.add(Case.of(URI + ": raw '" + t + "'", put("/v1/key/create/" + t, null), status, msg));
    }
    c.add(Case.of(URI + ": bad escape in the query", get("/v1/status?a=%zz"), 400, BAD_ESCAPE));
    c.add(Case.of(URI + ": raw space-free junk in the query", get("/v1/status?a=<b>"), 400,
        BAD_TARGET));
    c.add(Case.client(URI + ": escaped NUL in a name", get("/v1/key/describe/%00")));
    c.add(Case.client(URI + ": escaped space in a name", put("/v1/key/create/a%20b", null)));
    c.add(Case.client(URI + ": escaped UTF-8 in a name", put("/v1/key/create/%E2%82%AC", null)));
    c.add(Case.client(URI + ": invalid UTF-8 escapes", put("/v1/key/create/%FF%FE", null)));
    c.add(Case.client(URI + ": escaped slash in a name", put("/v1/key/create/a%2Fb", null)));
    c.add(Case.of(URI + ": a query is kept on a redirect", get("/v1/key/list?x=1"), 301, null));
    c.add(Case.of(URI + ": unclean path redirects", get("//v1//status"), 301, null));
    // --- header fields ---------------------------------------------------------------------
    c.add(Case.of(FIELD + ": no Host on HTTP/1.1", head("GET /version HTTP/1.1"), 400,
        "missing Host header"));
    c.add(Case.of(FIELD + ": two Host fields", head("GET /version HTTP/1.1", "Host: a",
        "Host: b"), 400, "too many Host headers"));
    c.add(Case.of(FIELD + ": two Host fields on HTTP/1.0", head("GET /version HTTP/1.0",
        "Host: a", "Host: a"), 400, "too many Host headers"));
    c.add(Case.of(FIELD + ": Host with a space", head("GET /version HTTP/1.1", "Host: a b"), 400,
        "malformed Host header"));
    c.add(Case.of(FIELD + ": Host with a slash", head("GET /version HTTP/1.1", "Host: a/b"), 400,
        "malformed Host header"));
    c.add(Case.of(FIELD + ": HTTP/1.0 without Host is fine", head("GET /version HTTP/1.0"), 200,
        null));
    c.add(Case.of(FIELD + ": NUL in a value", head("GET /version HTTP/1.1", "Host: x",
        "X-A: a\0b"), 400, "malformed HTTP request: NUL character"));
    c.add(Case.of(FIELD + ": NUL in a name", head("GET /version HTTP/1.1", "Host: x",
        "X\0A: b"), 400, "malformed HTTP request: NUL character"));
    c.add(Case.of(FIELD + ": bare LF ends a line", bytes("GET /version HTTP/1.1\nHost: x\n\n"),
        400, "malformed HTTP request: bare LF"));
    c.add(Case.of(FIELD + ": bare LF in one field", bytes("GET /version HTTP/1.1\r\nHost: x\n"
        + "X: y\r\n\r\n"), 400, "malformed HTTP request: bare LF"));
    c.add(Case.of(FIELD + ": bare CR", bytes("GET /version HTTP/1.1\r\nHost: x\rX: y\r\n\r\n"),
        400, "malformed HTTP request: bare CR"));
    c.add(Case.of(FIELD + ": no colon", head("GET /version HTTP/1.1", "Host: x", "X-A b"), 400,
        "malformed HTTP header"));
    c.add(Case.of(FIELD + ": space before the colon", head("GET /version HTTP/1.1",
        "Host : x"), 400, "malformed HTTP header name"));
    c.add(Case.of(FIELD + ": folded line", head("GET /version HTTP/1.1", "Host: x", "X-A: a",
        " b"), 400, "malformed HTTP header"));
    c.add(Case.of(FIELD + ": name with a parenthesis", head("GET /version HTTP/1.1", "Host: x",
        "X(A): b"), 400, "malformed HTTP header name"));
    c.add(Case.of(FIELD + ": empty name", head("GET /version HTTP/1.1", "Host: x", ": b"), 400,
        "malformed HTTP header"));
    c.add(Case.of(FIELD + ": control character in a value", head("GET /version HTTP/1.1",
        "Host: x", "X-A: a\u0002b"), 400, "malformed HTTP request: control character"));
    c.add(Case.of(FIELD + ": tab in a value is fine", head("GET /version HTTP/1.1", "Host: x",
        "X-A: a\tb", "Connection: close"), 200, null));
    c.add(Case.of(FIELD + ": Latin-1 in a value is fine", head("GET /version HTTP/1.1",
        "Host: x", "X-A: caf\u00e9", "Connection: close"), 200, null));
    c.add(Case.of(FIELD + ": Expect other than 100-continue", head("GET /version HTTP/1.1",
        "Host: x", "Expect: 200-ok"), 417, "unsupported expectation"));
    c.add(Case.of(FIELD + ": two Expect fields", head("GET /version HTTP/1.1", "Host: x",
        "Expect: 100-continue", "Expect: 100-continue"), 417, "unsupported expectation"));
    // --- framing -------------------------------------------------------------------------
    for (String v : new String[] {"+2", "-1", "0x10", "1 1", "2, 2", "", "1e3", " 2a",
        "9999999999999999999", "\u0661"}) {
      c.add(Case.of(FRAME + ": Content-Length '" + v + "'", concat(head("PUT /v1/key/encrypt/k"
          + " HTTP/1.1", "Host: x", "Content-Length: " + v), bytes("{}")), 400, BAD_LENGTH));
    }
    c.add(Case.of(FRAME + ": two different Content-Length", concat(head("PUT /v1/key/encrypt/k"
        + " HTTP/1.1", "Host: x", "Content-Length: 2", "Content-Length: 3"), bytes("{} ")), 400,
        BAD_LENGTH));
    c.add(Case.of(FRAME + ": two equal Content-Length are one", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Connection: close", "Content-Length: 2",
        "Content-Length: 2"), bytes("{}")), 200, null));
    for (String te : new String[] {"gzip", "gzip, chunked", "chunked, gzip", "identity",
        "xchunked", "chunked;q=1"}) {
      c.add(Case.of(FRAME + ": Transfer-Encoding '" + te + "'", concat(head(
          "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Transfer-Encoding: " + te),
          bytes("2\r\n{}\r\n0\r\n\r\n")), 501, TE));
    }
    c.add(Case.of(FRAME + ": Transfer-Encoding ','", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Transfer-Encoding: ,"),
        bytes("2\r\n{}\r\n0\r\n\r\n")), 400, BAD_TE));
    c.add(Case.of(FRAME + ": Transfer-Encoding and Content-Length", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Content-Length: 11",
        "Transfer-Encoding: chunked"), bytes("2\r\n{}\r\n0\r\n\r\n")), 400, BAD_TE));
    c.add(Case.of(FRAME + ": two Transfer-Encoding fields", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Transfer-Encoding: chunked",
        "Transfer-Encoding: chunked"), bytes("2\r\n{}\r\n0\r\n\r\n")), 400, BAD_TE));
    c.add(Case.of(FRAME + ": Transfer-Encoding on HTTP/1.0", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.0", "Transfer-Encoding: chunked"),
        bytes("2\r\n{}\r\n0\r\n\r\n")), 400, BAD_TE));
    c.add(Case.of(FRAME + ": the field name in any case", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Connection: close",
        "tRANSFER-eNCODING: Chunked"), bytes("2\r\n{}\r\n0\r\n\r\n")), 200, null));
    c.add(Case.of(FRAME + ": body shorter than its length",
        concat(head("PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Content-Length: 10"),
            bytes("{}")), 400, null).halfClosed());
    c.add(Case.of(FRAME + ": 100-continue is answered", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Connection: close", "Expect: 100-continue",
        "Content-Length: 2"), bytes("{}")), 200, null));
    // --- chunked bodies --------------------------------------------------------------------
    for (String size : new String[] {"80000000", "ffffffff", "7fffffffffffffff",
        "ffffffffffffffffffff", "100000"}) {
      c.add(Case.of(CHUNK + ": chunk size " + size + " on encrypt",
          chunked("/v1/key/encrypt/k", size + "\r\n{}"), 400, BAD_BODY));
    }
    for (String size : new String[] {"-1", "0x10", "zz", "", " 2", "2 ", "+2", "2;;\u0001"}) {
      c.add(Case.of(CHUNK + ": chunk size '" + size + "' on encrypt",
          chunked("/v1/key/encrypt/k", size + "\r\n{}\r\n0\r\n\r\n"), 400, BAD_BODY));
    }
    c.add(Case.of(CHUNK + ": chunk size 'ffffffffffffffffffff' on create creates nothing",
        chunked("/v1/key/create/chunked-overflow", "ffffffffffffffffffff\r\n"), 400,
        "malformed HTTP request body"));
    c.add(Case.of(CHUNK + ": a bad chunk on import imports nothing",
        chunked("/v1/key/import/chunked-import", "zz\r\n{}\r\n0\r\n\r\n"), 400,
        "invalid import key request body"));
    c.add(Case.of(CHUNK + ": data not followed by CRLF", chunked("/v1/key/encrypt/k",
        "2\r\n{}xx0\r\n\r\n"), 400, BAD_BODY));
    c.add(Case.of(CHUNK + ": bare LF after the size", chunked("/v1/key/encrypt/k",
        "2\n{}\r\n0\r\n\r\n"), 400, BAD_BODY));
    c.add(Case.of(CHUNK + ": a trailer without a colon", chunked("/v1/key/encrypt/k",
        "2\r\n{}\r\n0\r\nnot a field\r\n\r\n"), 400, BAD_BODY));
    c.add(Case.of(CHUNK + ": extensions and trailers are fine", chunked("/v1/key/encrypt/k",
        "2;a=b\r\n{}\r\n0\r\nX-T: 1\r\n\r\n"), 200, null));
    c.add(Case.of(CHUNK + ": many small chunks are fine", chunked("/v1/key/encrypt/k",
        "1\r\n{\r\n1\r\n}\r\n0\r\n\r\n"), 200, null));
    c.add(Case.of(CHUNK + ": ends early", chunked("/v1/key/encrypt/k", "a\r\n{}"), 400,
        BAD_BODY).halfClosed());
    c.add(Case.of(CHUNK + ": a chunked body on create is read and dropped",
        chunked("/v1/key/create/chunked-ok", "2\r\n{}\r\n0\r\n\r\n"), 200, null));
    // --- limits ----------------------------------------------------------------------------
    c.add(Case.of(LIMIT + ": 101 header fields", fields(100), 431, TOO_MANY));
    c.add(Case.of(LIMIT + ": 100 header fields are fine", fields(99), 200, null));
    c.add(Case.of(LIMIT + ": 201 header fields", fields(200), 431, TOO_MANY));
    c.add(Case.of(LIMIT + ": 70 KB of one field", head("GET /version HTTP/1.1", "Host: x",
        "X-A: " + "a".repeat(70_000)), 431, TOO_LARGE));
    c.add(Case.of(LIMIT + ": 380 KB of fields", head("GET /version HTTP/1.1", manyFields(380)),
        431, null));
    c.add(Case.of(LIMIT + ": 60 KB of one field is fine", head("GET /version HTTP/1.1",
        "Host: x", "Connection: close", "X-A: " + "a".repeat(60_000)), 200, null));
    c.add(Case.of(LIMIT + ": 70 KB request line", head("GET /version?" + "a".repeat(70_000)
        + " HTTP/1.1", "Host: x"), 431, TOO_LARGE));
    c.add(Case.of(LIMIT + ": encrypt body over 1,000,000 bytes", put("/v1/key/encrypt/k",
        "{\"plaintext\":\"\"}" + " ".repeat(1_000_001 - 16)), 400, BAD_BODY));
    c.add(Case.of(LIMIT + ": import body over 1,000,000 bytes imports nothing",
        put("/v1/key/import/big-import", "{\"key\":\"\"}" + " ".repeat(1_000_001 - 10)), 400,
        "invalid import key request body"));
    c.add(Case.of(LIMIT + ": a body of 1,000,000 bytes is fine", put("/v1/key/encrypt/k",
        "{\"plaintext\":\"\"}" + " ".repeat(1_000_000 - 16)), 200, null));
    c.add(Case.of(LIMIT + ": Content-Length of 10 GB on encrypt", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Content-Length: 10000000000"),
        bytes("{}")), 400, BAD_BODY));
    c.add(Case.of(LIMIT + ": a large body on create is ignored, create acts", concat(head(
        "PUT /v1/key/create/big-body HTTP/1.1", "Host: x", "Content-Length: 200000"),
        new byte[200_000]), 200, null));
    // --- JSON and base64 --------------------------------------------------------------------
    for (String body : new String[] {"{", "[", "[]", "\"x\"", "42", "{\"plaintext\":1}",
        "{\"plaintext\":{}}", "{\"plaintext\":[]}", "{\"plaintext\":true}", "", "\u0000",
        "{\"plaintext\":\"QUJ\"}", "{\"plaintext\":\"QUJD-_==\"}", "{\"plaintext\":\"QUJD_w\"}",
        "{\"plaintext\":\"QQ==QQ==\"}", "{\"plaintext\":\"!!!!\"}", "{\"plaintext\":\"\\u0000\"}",
        "{\"context\":\"%%%%\"}", "[".repeat(5000) + "]".repeat(5000),
        "{\"plaintext\":\"" + "Q".repeat(7) + "\"}", "{\"plaintext\":\"\\ud800\"}"}) {
      c.add(Case.of(JSON + ": encrypt " + abbreviate(body), put("/v1/key/encrypt/k", body), 400,
          BAD_BODY));
    }
    for (String body : new String[] {"{\"ciphertext\":\"\"}", "{\"ciphertext\":\"AAAA\"}",
        "{\"ciphertext\":\"eyJhZWFkIjoiIn0=\"}", "{\"ciphertext\":\"lbFBRVMy\"}",
        "{\"ciphertext\":1}"}) {
      c.add(Case.client(JSON + ": decrypt " + abbreviate(body), put("/v1/key/decrypt/k", body)));
    }
    for (String body : new String[] {"{\"key\":\"\"}", "{\"key\":\"AAAA\"}",
        "{\"key\":\"" + "A".repeat(44) + "\",\"cipher\":\"DES\"}", "{\"key\":null}", "{"}) {
      c.add(Case.client(JSON + ": import " + abbreviate(body) + " imports nothing",
          put("/v1/key/import/json-import", body)));
    }
    c.add(Case.client(JSON + ": generate with a bad context",
        put("/v1/key/generate/k", "{\"context\":\"AAA\"}")));
    c.add(Case.client(JSON + ": hmac with a bad message", put("/v1/key/hmac/k",
        "{\"message\":\"!!\"}")));
    c.add(Case.client(JSON + ": bulk decrypt with a bad item", put("/v1/key/bulk/decrypt/k",
        "[{\"ciphertext\":1}]")));
    c.add(Case.client(JSON + ": invalid UTF-8", concat(head("PUT /v1/key/encrypt/k HTTP/1.1",
        "Host: x", "Content-Length: 17"), new byte[] {'{', '"', 'p', (byte) 0xff, '"', ':', '"',
        '"', '}', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '})));
    // --- names and traversal ---------------------------------------------------------------
    for (String name : new String[] {"my.key", "-a", "a-", "_", "a*", "k".repeat(81),
        "a%2E%2Eb", "a%2Fb", "a.b"}) {
      c.add(Case.client(NAME + ": create '" + abbreviate(name) + "' creates nothing",
          put("/v1/key/create/" + name, null)));
    }
    // Dot segments, also escaped ones, are cleaned as Go's router does: a redirect, never a key.
    for (String path : new String[] {"..", ".", "../../../etc/passwd", "%2e%2e/x",
        "%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "..%2F..%2Fetc", "./x"}) {
      c.add(Case.of(NAME + ": traversal '" + path + "' redirects", put("/v1/key/create/" + path,
          null), 301, null));
    }
    c.add(Case.client(NAME + ": describe a missing key", get("/v1/key/describe/missing")));
    c.add(Case.client(NAME + ": list with a bad pattern", get("/v1/key/list/*x")));
    c.add(Case.client(NAME + ": a policy name with a dot", get("/v1/policy/describe/p.x")));
    c.add(Case.client(NAME + ": an identity of 81 characters",
        get("/v1/identity/describe/" + "f".repeat(81))));
    c.add(Case.of(NAME + ": an unknown route is the router's 404", get("/v1/secret/create/s"),
        404, null));
    c.add(Case.of(NAME + ": the root is the router's 404", get("/"), 404, null));
    // --- methods ---------------------------------------------------------------------------
    for (String m : new String[] {"HEAD", "OPTIONS", "TRACE", "PATCH", "get", "DELETE",
        "PROPFIND", "X".repeat(300)}) {
      c.add(Case.of(METHOD + ": " + abbreviate(m) + " /v1/status", head(m + " /v1/status HTTP/1.1",
          "Host: x", "Connection: close"), 405, null));
    }
    c.add(Case.of(METHOD + ": GET on create creates nothing", get("/v1/key/create/get-create"),
        405, null));
    c.add(Case.of(METHOD + ": DELETE on create creates nothing", head(
        "DELETE /v1/key/create/delete-create HTTP/1.1", "Host: x", "Connection: close"), 405,
        null));
    // --- smuggling and pipelining -----------------------------------------------------------
    byte[] smuggled = bytes("PUT /v1/key/create/smuggled HTTP/1.1\r\nHost: x\r\n\r\n");
    c.add(Case.of(SMUGGLE + ": a request inside a body is only a body", concat(head(
        "GET /version HTTP/1.1", "Host: x", "Content-Length: " + smuggled.length), smuggled), 200,
        null));
    c.add(Case.of(SMUGGLE + ": CL.TE", concat(head("PUT /v1/key/encrypt/k HTTP/1.1", "Host: x",
        "Content-Length: 4", "Transfer-Encoding: chunked"), concat(bytes("0\r\n\r\n"), smuggled)),
        400, BAD_TE));
    c.add(Case.of(SMUGGLE + ": TE with a tab before chunked", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Connection: close",
        "Transfer-Encoding:\tchunked"), bytes("2\r\n{}\r\n0\r\n\r\n")), 200, null));
    c.add(Case.of(SMUGGLE + ": TE obfuscated with a space before the colon", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Transfer-Encoding : chunked",
        "Content-Length: 4"), concat(bytes("0\r\n\r\n"), smuggled)), 400,
        "malformed HTTP header name"));
    c.add(Case.of(SMUGGLE + ": TE with a vertical tab", concat(head(
        "PUT /v1/key/encrypt/k HTTP/1.1", "Host: x", "Transfer-Encoding:\u000bchunked"),
        bytes("0\r\n\r\n")), 400, "malformed HTTP request: control character"));
    c.add(Case.of(SMUGGLE + ": a long body on a route without one closes after the answer",
        concat(head("GET /version HTTP/1.1", "Host: x", "Content-Length: 100000"),
            concat(smuggled, new byte[100_000 - smuggled.length])), 200, null));
    c.add(Case.of(SMUGGLE + ": a bad request after a good one", concat(
        head("GET /version HTTP/1.1", "Host: x"), bytes("GARBAGE\r\n\r\n")), 200, null));
    return c;
  }

  static byte[] fields(int extra) {
    String[] f = new String[extra + 2];
    f[0] = "Host: x";
    f[1] = "Connection: close";
    for (int i = 0; i < extra - 1; i++) {
      f[i + 2] = "X-F" + i + ": v";
    }
    return head("GET /version HTTP/1.1", Arrays.copyOf(f, extra + 1));
  }

  /** About {@code kb} KB of fields of 1 KB each, after Host. */
  static String[] manyFields(int kb) {
    String[] f = new String[kb + 1];
    f[0] = "Host: x";
    for (int i = 1; i <= kb; i++) {
      f[i] = "X-" + i + ": " + "v".repeat(1000);
    }
    return f;
  }

  static String abbreviate(String s) {
    String t = s.length() > 24 ? s.substring(0, 24) + "..." : s;
    return "'" + t.replace("\u0000", "\\0") + "'";
  }

  /** The names of keys that cases may create: those of the cases expected to act. */
  static final List<String> CREATED = List.of("k", "chunked-ok", "big-body");

  @TestFactory
  Stream<DynamicNode> corpus_inBatches_eachFollowedByANormalRequest() {
    List<Case> all = corpus();
    assertThat(all).hasSizeGreaterThanOrEqualTo(150);
    List<DynamicNode> batches = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 10) {
      List<DynamicNode> tests = new ArrayList<>();
      for (Case k : all.subList(i, Math.min(all.size(), i + 10))) {
        tests.add(DynamicTest.dynamicTest(k.name(), () -> check(k)));
      }
      tests.add(DynamicTest.dynamicTest("a normal request still works", () -> {
        RawClient.Response r = admin.send(get("/v1/status"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(RawClient.JSON.readTree(r.body()).get("version")).isNotNull();
      }));
      batches.add(DynamicContainer.dynamicContainer("cases " + (i + 1) + "-"
          + Math.min(all.size(), i + 10), tests));
    }
    batches.add(DynamicTest.dynamicTest("no refused request created a key, nor left a file",
        () -> {
          RawClient.Response r = admin.send(get("/v1/key/list/*"));
          assertThat(r.status()).isEqualTo(200);
          List<String> names = new ArrayList<>();
          RawClient.JSON.readTree(r.body()).get("names").forEach(n -> names.add(n.asText()));
          assertThat(names).containsExactlyInAnyOrderElementsOf(CREATED);
          assertThat(server.keyDirectory()).containsExactlyInAnyOrderElementsOf(CREATED);
        }));
    return batches.stream();
  }

  static void check(Case k) throws Exception {
    RawClient.Response r = admin.send(k.request(), k.halfClose());
    assertThat(r.closed()).as("%s: an answer, not a closed connection", k.name()).isFalse();
    if (k.status() == 499) {
      assertThat(r.status()).as(k.name() + ": " + r).isBetween(400, 499);
    } else {
      assertThat(r.status()).as(k.name() + ": " + r).isEqualTo(k.status());
    }
    assertThat(r.status() < 500 || r.status() == 501 || r.status() == 505)
        .as(k.name() + ": no 5xx but 501 and 505").isTrue();
    String text = r.text();
    if (new String(k.request(), 0, 5, StandardCharsets.ISO_8859_1).equals("HEAD ")) {
      assertThat(r.body()).as(k.name() + ": no body for HEAD").isEmpty();
      return;
    }
    assertThat(text).as(k.name()).doesNotContain("Exception", "java.", "<html", "<HTML",
        "\tat ", "sun.");
    boolean routerNotFound = r.status() == 404 && text.equals("404 page not found\n")
        && "text/plain; charset=utf-8".equals(r.header("content-type"));
    if (r.status() >= 400 && !routerNotFound) {
      assertThat(r.header("content-type")).as(k.name()).isEqualTo("application/json");
      assertThat(r.message()).as(k.name() + ": a KES error body: " + text).isNotNull();
      if (k.message() != null) {
        assertThat(r.message()).as(k.name()).isEqualTo(k.message());
      }
    }
  }

  @Test
  void plainHttp_onTheTlsPort_getsAKesError() throws Exception {
    try (Socket s = admin.plain()) {
      OutputStream out = s.getOutputStream();
      out.write(get("/version"));
      out.flush();
      RawClient.Response r = RawClient.read(s.getInputStream());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message()).isEqualTo("client sent an HTTP request to an HTTPS server");
    }
  }

  @Test
  void pipelinedRequests_areAnsweredInOrder_andKeepAliveWorks() throws Exception {
    try (SSLSocket s = admin.connect()) {
      OutputStream out = s.getOutputStream();
      out.write(concat(head("GET /version HTTP/1.1", "Host: x"),
          concat(head("GET /v1/key/describe/k HTTP/1.1", "Host: x"),
              head("GET /v1/key/describe/missing HTTP/1.1", "Host: x"))));
      out.flush();
      InputStream in = new java.io.BufferedInputStream(s.getInputStream());
      assertThat(RawClient.read(in).status()).isEqualTo(200);
      assertThat(RawClient.read(in).text()).contains("\"name\":\"k\"");
      assertThat(RawClient.read(in).status()).isEqualTo(404);
      out.write(head("GET /version HTTP/1.1", "Host: x"));
      out.flush();
      assertThat(RawClient.read(in).status()).isEqualTo(200);
    }
  }
}

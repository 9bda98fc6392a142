package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a 4xx with a JSON error body (the router's 404 is text, as in Go), never a 5xx,
 * and the server keeps serving ({@code docs/http-api.md#conventions}).
 */
class BadInputTest {

  static final Cred ADMIN = Cred.create("admin");
  static TestServer server;
  static TestClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder(ADMIN).start();
    admin = server.client(ADMIN);
    assertThat(admin.post("/v1/key/create/k", null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void stillServing() throws Exception {
    assertThat(admin.get("/version").status()).isEqualTo(200);
  }

  private static void assertJsonError(TestClient.Response r, int status, String message) {
    assertThat(r.status()).isEqualTo(status);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"message\":\"" + message + "\"\n}");
  }

  @Test
  void malformedJson_is400() throws Exception {
    Map<String, String> member = Map.of("encrypt", "plaintext", "decrypt", "ciphertext",
        "hmac", "message");
    for (String body : new String[] {"{", "{\"M\":", "[1,2]", "\"x\"", "42",
        "{\"M\":1}", "{\"M\":{}}", "{\"M\":[]}", "", "\u0000\u0001"}) {
      for (String route : member.keySet()) {
        String b = body.replace("M", member.get(route));
        assertJsonError(admin.put("/v1/key/" + route + "/k", b), 400, "invalid request body");
      }
    }
    assertJsonError(admin.put("/v1/key/generate/k", "{"), 400, "invalid request body");
    assertJsonError(admin.put("/v1/key/generate/k", "{\"context\":\"AAA\"}"), 400,
        "invalid request body");
  }

  @Test
  void lenientJson_asGo() throws Exception {
    // First value only, unknown members ignored, case-insensitive names, null = absent, CR/LF ok.
    assertThat(admin.put("/v1/key/encrypt/k",
        "{\"PlainText\":\"QU\\r\\nJD\",\"x\":[1,{}],\"context\":null} {garbage").status())
        .isEqualTo(200);
    assertThat(admin.put("/v1/key/encrypt/k", "null").status()).isEqualTo(200);
    assertThat(admin.send("PUT", "/v1/key/encrypt/k", "{}".getBytes(StandardCharsets.UTF_8),
        Map.of("Content-Type", "text/plain")).status()).isEqualTo(200);
  }

  @Test
  void invalidBase64_is400() throws Exception {
    for (String b64 : new String[] {"QUJ", "QUJD-_==", "QUJD_w", "QQ==QQ==", "!!!!"}) {
      assertJsonError(admin.put("/v1/key/encrypt/k", "{\"plaintext\":\"" + b64 + "\"}"), 400,
          "invalid request body");
      assertJsonError(admin.put("/v1/key/import/imp", "{\"key\":\"" + b64 + "\"}"), 400,
          "invalid import key request body");
    }
  }

  @Test
  void bodyLimit_isOneMillionBytes() throws Exception {
    byte[] ok = new byte[1_000_000];
    Arrays.fill(ok, (byte) ' ');
    byte[] head = "{\"plaintext\":\"\"}".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, ok, 0, head.length);
    assertThat(admin.send("PUT", "/v1/key/encrypt/k", ok, Map.of()).status()).isEqualTo(200);
    byte[] tooBig = Arrays.copyOf(ok, 1_000_001);
    tooBig[1_000_000] = ' ';
    assertJsonError(admin.send("PUT", "/v1/key/encrypt/k", tooBig, Map.of()), 400,
        "invalid request body");
    assertJsonError(admin.send("PUT", "/v1/key/import/big", tooBig, Map.of()), 400,
        "invalid import key request body");
    // Chunked, without a Content-Length.
    try (var s = admin.connect()) {
      var os = s.getOutputStream();
      os.write(("PUT /v1/key/hmac/k HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      for (int i = 0; i < 16; i++) {
        os.write(("10000\r\n").getBytes(StandardCharsets.US_ASCII));
        os.write(new byte[0x10000]);
        os.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      os.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      os.flush();
      assertJsonError(TestClient.read(new java.io.BufferedInputStream(s.getInputStream()), false),
          400, "invalid request body");
    }
  }

  @Test
  void wrongMethods_are405_withAccept() throws Exception {
    TestClient.Response r = admin.get("/v1/key/create/k2");
    assertJsonError(r, 405, "received method 'GET' expected 'PUT'");
    assertThat(r.header("accept")).isEqualTo("PUT");
    r = admin.put("/v1/status", null);
    assertJsonError(r, 405, "received method 'PUT' expected 'GET'");
    assertThat(r.header("accept")).isEqualTo("GET");
    assertJsonError(admin.post("/v1/key/delete/k", null), 405,
        "received method 'POST' expected 'DELETE'");
    assertJsonError(admin.send("OPTIONS", "/v1/key/list/", null, Map.of()), 405,
        "received method 'OPTIONS' expected 'GET'");
    r = admin.send("HEAD", "/v1/status", null, Map.of());
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("accept")).isEqualTo("GET");
    // POST is accepted wherever PUT is declared; the v0.22 bulk route takes POST and PUT.
    assertThat(admin.post("/v1/key/encrypt/k", "{}").status()).isEqualTo(200);
    assertThat(admin.put("/v1/key/bulk/decrypt/k", "[]").status()).isEqualTo(200);
  }

  @Test
  void unknownRoutes_areGoMux404Text() throws Exception {
    for (String p : new String[] {"/", "/v1/key/", "/v1/identity/self/describe/",
        "/v1/policy/write/p", "/v0/key/create/k", "/v1/secret/create/s", "/v1/log/audit/x",
        "/metrics"}) {
      TestClient.Response r = admin.get(p);
      assertThat(r.status()).as(p).isEqualTo(404);
      assertThat(r.header("content-type")).isEqualTo("text/plain; charset=utf-8");
      assertThat(r.text()).isEqualTo("404 page not found\n");
    }
  }

  @Test
  void uncleanPaths_andSlashlessPrefixes_are301() throws Exception {
    TestClient.Response r = admin.get("//v1//status");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("location")).isEqualTo("/v1/status");
    assertThat(r.text()).isEqualTo("<a href=\"/v1/status\">Moved Permanently</a>.\n\n");
    assertThat(admin.get("/v1/key/./list/../describe/k").header("location"))
        .isEqualTo("/v1/key/describe/k");
    r = admin.post("/v1/key/create", null);
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("location")).isEqualTo("/v1/key/create/");
    assertThat(r.body()).isEmpty();
    assertThat(admin.get("/v1/identity/list").header("location"))
        .isEqualTo("/v1/identity/list/");
    // An empty key name: the client follows the 301 with GET and gets 405
    // (docs/http-api.md#errors-you-may-see-before-a-route-is-reached).
    assertJsonError(admin.get("/v1/key/create/"), 405, "received method 'GET' expected 'PUT'");
  }

  @Test
  void manyBadRequests_neverA5xx() throws Exception {
    List<String[]> requests = List.of(
        new String[] {"PUT", "/v1/key/import/x", "{\"key\":null,\"cipher\":null}"},
        new String[] {"PUT", "/v1/key/decrypt/k", "{\"ciphertext\":\"\"}"},
        new String[] {"PUT", "/v1/key/decrypt/k", "{\"ciphertext\":\"AAAAAAAAAAAAAAAA\"}"},
        new String[] {"PUT", "/v1/key/decrypt/k", "{\"ciphertext\":\"eyJhZWFkIjoiIn0=\"}"},
        new String[] {"PUT", "/v1/key/decrypt/k", "{\"ciphertext\":\"lbFBRVMy\"}"},
        new String[] {"GET", "/v1/key/describe/%00", null},
        new String[] {"GET", "/v1/key/list/" + "a".repeat(100), null},
        new String[] {"PUT", "/v1/key/create/%E2%82%AC", null},
        new String[] {"GET", "/v1/identity/describe/" + "f".repeat(81), null},
        new String[] {"PUT", "/v1/key/bulk/decrypt/k", "[{\"ciphertext\":1}]"});
    for (String[] q : requests) {
      TestClient.Response r = admin.send(q[0], q[1],
          q[2] == null ? null : q[2].getBytes(StandardCharsets.UTF_8), Map.of());
      assertThat(r.status()).as(q[1] + " " + q[2]).isBetween(400, 499);
      assertThat(r.json().has("message")).isTrue();
      assertThat(r.text()).doesNotContain("Exception").doesNotContain("at io.");
    }
  }
}

package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every current route of {@code docs/http-api.md#routes} over real TLS with client certificates.
 */
class ApiRoutesTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred APP = Cred.create("app");
  static final Cred STRANGER = Cred.create("stranger");

  static TestServer server;
  static TestClient admin;
  static TestClient app;
  static TestClient stranger;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder(ADMIN)
        .policy("my-app", List.of("/v1/key/*/app-*", "/v1/key/list/*", "/v1/status"),
            List.of("/v1/key/delete/*"), APP.id())
        .policy("other", List.of(), List.of())
        .start();
    admin = server.client(ADMIN);
    app = server.client(APP);
    stranger = server.client(STRANGER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static byte[] unb64(JsonNode n) {
    return Base64.getDecoder().decode(n.asText());
  }

  @Test
  void version_needsNoPolicy() throws Exception {
    TestClient.Response r = stranger.get("/version");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.text())
        .isEqualTo("{\"version\":\"test-version\",\"commit\":\"\\u003cunknown\\u003e\"}\n");
  }

  /** Vectors {@code api-route#*}: each is one element of {@code GET /v1/api}. */
  @Test
  void api_listsTheCurrentRoutes() throws Exception {
    JsonNode list = admin.get("/v1/api").json();
    assertThat(list).hasSize(23);
    for (JsonNode v : Vectors.ofKind("api-route")) {
      JsonNode found = null;
      for (JsonNode e : list) {
        if (e.get("path").asText().equals(v.get("path").asText())) {
          found = e;
        }
      }
      assertThat(found).as(v.get("id").asText()).isNotNull();
      JsonNode exp = v.get("expected");
      assertThat(found.get("method").asText()).isEqualTo(exp.get("method").asText());
      assertThat(found.get("max_body").asLong()).isEqualTo(exp.get("max_body").asLong());
      assertThat(found.get("timeout").asLong()).isEqualTo(exp.get("timeout").asLong());
    }
    assertThat(list.toString()).doesNotContain("bulk").doesNotContain("trace");
    assertThat(list.get(0).fieldNames()).toIterable()
        .containsExactly("method", "path", "max_body", "timeout");
  }

  @Test
  void status_membersInOrder() throws Exception {
    TestClient.Response r = admin.get("/v1/status");
    assertThat(r.status()).isEqualTo(200);
    JsonNode s = r.json();
    assertThat(s.fieldNames()).toIterable().containsExactly("version", "os", "arch", "uptime",
        "num_cpu", "num_cpu_used", "mem_heap_used", "mem_stack_used", "keystore_latency");
    assertThat(s.get("version").asText()).isEqualTo("test-version");
    assertThat(s.get("keystore_latency").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(s.get("num_cpu").asInt()).isPositive();
    assertThat(app.get("/v1/status").status()).isEqualTo(200);
    assertThat(stranger.get("/v1/status").message())
        .isEqualTo("not authorized: insufficient permissions");
  }

  @Test
  void ready_isEmpty200() throws Exception {
    TestClient.Response r = admin.get("/v1/ready");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-length")).isEqualTo("0");
    assertThat(r.body()).isEmpty();
    assertThat(app.get("/v1/ready").status()).isEqualTo(403);
  }

  @Test
  void metrics_prometheusText_withKesNames() throws Exception {
    admin.post("/v1/key/create/metrics-key", null);
    admin.get("/v1/key/describe/no-such-key");
    TestClient.Response r = admin.get("/v1/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type"))
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8; escaping=underscores");
    String t = r.text();
    for (String name : new String[] {"kes_http_request_success", "kes_http_request_error",
        "kes_http_request_active", "kes_http_response_time", "kes_log_error_events",
        "kes_log_audit_events", "kes_system_up_time", "kes_system_num_cpu",
        "kes_system_num_cpu_used", "kes_system_num_threads", "kes_system_mem_heap_used",
        "kes_system_mem_heap_objects", "kes_system_mem_stack_used"}) {
      assertThat(t).as(name).contains("# TYPE " + name + " ");
    }
    assertThat(t).contains("# TYPE kes_http_response_time histogram")
        .contains("kes_http_response_time_bucket{le=\"0.01\"}")
        .contains("kes_http_response_time_bucket{le=\"+Inf\"}")
        .contains("kes_http_request_success{code=\"200\"}")
        .contains("kes_http_request_error{code=\"404\"}");
    // Each family with a TYPE line has at least one sample (kms-go rejects empty families).
    for (String line : t.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String name = line.split(" ")[2];
        assertThat(t).as(name).containsPattern("(?m)^" + name + "(_bucket)?[ {]");
      }
    }
    assertThat(t).doesNotContain("kes_http_request_failure");
  }

  @Test
  void createKey_thenExists_byteExactError() throws Exception {
    TestClient.Response r = admin.post("/v1/key/create/create-1", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-length")).isEqualTo("0");
    r = admin.put("/v1/key/create/create-1", null);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"message\":\"key already exists\"\n}");
    assertThat(r.header("content-length")).isEqualTo(Integer.toString(r.body().length));
  }

  @Test
  void invalidNames_are400_withTheNameInTheMessage() throws Exception {
    for (String route : new String[] {"create", "import", "describe", "delete", "generate",
        "encrypt", "decrypt", "hmac"}) {
      String method = route.equals("describe") ? "GET" : route.equals("delete") ? "DELETE" : "PUT";
      TestClient.Response r = admin.send(method, "/v1/key/" + route + "/my.key", null,
          java.util.Map.of());
      assertThat(r.status()).as(route).isEqualTo(400);
      assertThat(r.message()).as(route)
          .isEqualTo("key name 'my.key' is empty, too long or contains invalid characters");
    }
    assertThat(admin.put("/v1/key/create/a%3Cb", null).message())
        .isEqualTo("key name 'a<b' is empty, too long or contains invalid characters");
    assertThat(admin.put("/v1/key/create/a%3Cb", null).text()).contains("a\\u003cb");
    assertThat(admin.put("/v1/key/create/" + "k".repeat(81), null).status()).isEqualTo(400);
    assertThat(admin.put("/v1/key/create/a%2Fb", null).message())
        .isEqualTo("key name 'a/b' is empty, too long or contains invalid characters");
    assertThat(admin.get("/v1/key/list/*x").message())
        .isEqualTo("listing pattern '*x' is empty, too long or is invalid");
    assertThat(admin.get("/v1/policy/describe/p.x").message())
        .isEqualTo("policy name 'p.x' is empty, too long or contains invalid characters");
    assertThat(admin.get("/v1/identity/describe/-x").message())
        .isEqualTo("identity '-x' is empty, too long or contains invalid characters");
  }

  /** Vectors {@code import-key#*} (no FIPS build, so ChaCha20 imports). */
  @Test
  void vectors_importKey() throws Exception {
    for (JsonNode v : Vectors.ofKind("import-key")) {
      TestClient.Response r = admin.send(v.get("method").asText(), v.get("path").asText(),
          v.get("request_body").toString().getBytes(StandardCharsets.UTF_8), java.util.Map.of());
      JsonNode exp = v.get("expected");
      assertThat(r.status()).as(v.get("id").asText()).isEqualTo(exp.get("status").asInt());
      if (exp.has("message")) {
        assertThat(r.message()).as(v.get("id").asText()).isEqualTo(exp.get("message").asText());
      }
    }
  }

  @Test
  void importKey_errorsInOrder_andTheV022Shape() throws Exception {
    String key = b64(new byte[32]);
    assertThat(admin.put("/v1/key/import/imp-1", "{\"key\":").message())
        .isEqualTo("invalid import key request body");
    assertThat(admin.put("/v1/key/import/imp-1", "").message())
        .isEqualTo("invalid import key request body");
    assertThat(admin.put("/v1/key/import/imp-1", "{\"key\":\"" + key + "\"}").message())
        .isEqualTo("algorithm '' is not supported");
    TestClient.Response r = admin.put("/v1/key/import/imp-1",
        "{\"key\":\"" + key + "\",\"cipher\":\"AES-256\"}");
    assertThat(r.status()).isEqualTo(406);
    assertThat(r.message()).isEqualTo("algorithm 'AES-256' is not supported");
    assertThat(admin.put("/v1/key/import/imp-1", "{\"key\":\"AAAA\",\"cipher\":\"ChaCha20\"}")
        .message()).isEqualTo("invalid key size for 'ChaCha20'");
    assertThat(admin.put("/v1/key/import/imp-1", "{\"key\":\"" + key
        + "\",\"cipher\":\"XCHACHA20-POLY1305\"}").status()).isEqualTo(200);
    assertThat(admin.get("/v1/key/describe/imp-1").json().get("algorithm").asText())
        .isEqualTo("ChaCha20");
    assertThat(admin.put("/v1/key/import/imp-1", "{\"key\":\"" + key + "\",\"cipher\":\"AES256\"}")
        .message()).isEqualTo("key already exists");
    // v0.22 clients send {"bytes","algorithm"} (docs/http-api.md#older-routes).
    assertThat(admin.post("/v1/key/import/imp-2", "{\"bytes\":\"" + key + "\"}").status())
        .isEqualTo(200);
    assertThat(admin.post("/v1/key/import/imp-3", "{\"bytes\":\"" + key
        + "\",\"algorithm\":\"undefined\"}").status()).isEqualTo(200);
    assertThat(admin.post("/v1/key/import/imp-4", "{\"bytes\":\"" + key
        + "\",\"algorithm\":\"XCHACHA20-POLY1305\"}").status()).isEqualTo(200);
    assertThat(admin.get("/v1/key/describe/imp-4").json().get("algorithm").asText())
        .isEqualTo("ChaCha20");
    assertThat(admin.post("/v1/key/import/imp-5", "{\"bytes\":\"AAAA\"}").message())
        .isEqualTo("invalid key size for 'AES256'");
  }

  @Test
  void describeKey_shape_and404() throws Exception {
    admin.post("/v1/key/create/desc-1", null);
    TestClient.Response r = admin.get("/v1/key/describe/desc-1");
    JsonNode d = r.json();
    assertThat(d.fieldNames()).toIterable()
        .containsExactly("name", "algorithm", "created_at", "created_by");
    assertThat(d.get("algorithm").asText()).isEqualTo("AES256");
    assertThat(d.get("created_by").asText()).isEqualTo(ADMIN.id());
    assertThat(d.get("created_at").asText()).endsWith("Z");
    r = admin.get("/v1/key/describe/desc-missing");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.text()).isEqualTo("{\"message\":\"key does not exist\"\n}");
  }

  @Test
  void listKeys_sorted_prefix_andTheSlashlessRedirect() throws Exception {
    for (String n : new String[] {"lst-b", "lst-a", "lst-c1"}) {
      admin.post("/v1/key/create/" + n, null);
    }
    JsonNode l = admin.get("/v1/key/list/lst-*").json();
    assertThat(l.get("names").toString()).isEqualTo("[\"lst-a\",\"lst-b\",\"lst-c1\"]");
    assertThat(l.has("continue_at")).isFalse();
    assertThat(admin.get("/v1/key/list/lst-c").json().get("names").toString())
        .isEqualTo("[\"lst-c1\"]");
    assertThat(admin.get("/v1/key/list/zzz-none").text()).isEqualTo("{\"names\":[]}\n");
    TestClient.Response r = admin.get("/v1/key/list?x=1");
    assertThat(r.status()).isEqualTo(301);
    assertThat(r.header("location")).isEqualTo("/v1/key/list/?x=1");
    assertThat(admin.get("/v1/key/list/").json().get("names").size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void deleteKey_thenGone() throws Exception {
    admin.post("/v1/key/create/del-1", null);
    TestClient.Response r = admin.send("DELETE", "/v1/key/delete/del-1", null, java.util.Map.of());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
    assertThat(admin.get("/v1/key/describe/del-1").status()).isEqualTo(404);
    assertThat(admin.send("DELETE", "/v1/key/delete/del-1", null, java.util.Map.of()).message())
        .isEqualTo("key does not exist");
  }

  @Test
  void generate_encrypt_decrypt_hmac_roundTrips() throws Exception {
    admin.post("/v1/key/create/crypto-1", null);
    String ctx = b64("my context".getBytes(StandardCharsets.UTF_8));
    for (String body : new String[] {null, "", "{}", "{\"context\":\"" + ctx + "\"}"}) {
      TestClient.Response r = admin.post("/v1/key/generate/crypto-1", body);
      assertThat(r.status()).as(String.valueOf(body)).isEqualTo(200);
      JsonNode g = r.json();
      assertThat(g.fieldNames()).toIterable().containsExactly("plaintext", "ciphertext");
      assertThat(unb64(g.get("plaintext"))).hasSize(32);
      assertThat(unb64(g.get("ciphertext"))).hasSize(76);
      String c = body != null && body.contains("context") ? ",\"context\":\"" + ctx + "\"" : "";
      JsonNode d = admin.post("/v1/key/decrypt/crypto-1",
          "{\"ciphertext\":\"" + g.get("ciphertext").asText() + "\"" + c + "}").json();
      assertThat(d.get("plaintext").asText()).isEqualTo(g.get("plaintext").asText());
    }
    String pt = b64("hello <world> & more".getBytes(StandardCharsets.UTF_8));
    JsonNode e = admin.put("/v1/key/encrypt/crypto-1",
        "{\"plaintext\":\"" + pt + "\",\"context\":\"" + ctx + "\",\"version\":\"v1\"}").json();
    assertThat(e.fieldNames()).toIterable().containsExactly("ciphertext");
    String ct = e.get("ciphertext").asText();
    assertThat(admin.put("/v1/key/decrypt/crypto-1", "{\"ciphertext\":\"" + ct
        + "\",\"context\":\"" + ctx + "\"}").json().get("plaintext").asText()).isEqualTo(pt);
    TestClient.Response wrong = admin.put("/v1/key/decrypt/crypto-1",
        "{\"ciphertext\":\"" + ct + "\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.message()).isEqualTo("decryption failed: ciphertext is not authentic");
    String empty = admin.put("/v1/key/encrypt/crypto-1", "{}").json().get("ciphertext").asText();
    assertThat(admin.put("/v1/key/decrypt/crypto-1", "{\"ciphertext\":\"" + empty + "\"}").text())
        .isEqualTo("{\"plaintext\":\"\"}\n");
    // A later null clears a byte member, as in Go: the plaintext is empty.
    String nulled = admin.put("/v1/key/encrypt/crypto-1",
        "{\"plaintext\":\"QUFB\",\"plaintext\":null}").json().get("ciphertext").asText();
    assertThat(admin.put("/v1/key/decrypt/crypto-1", "{\"ciphertext\":\"" + nulled + "\"}").text())
        .isEqualTo("{\"plaintext\":\"\"}\n");
    // kms-go sends HMAC requests with PUT and without a Content-Type.
    String m = b64("message".getBytes(StandardCharsets.UTF_8));
    JsonNode h1 = admin.put("/v1/key/hmac/crypto-1", "{\"message\":\"" + m + "\"}").json();
    JsonNode h2 = admin.post("/v1/key/hmac/crypto-1", "{\"Message\":\"" + m + "\"}").json();
    assertThat(unb64(h1.get("hmac"))).hasSize(32);
    assertThat(h1).isEqualTo(h2);
    for (String route : new String[] {"generate", "encrypt", "decrypt", "hmac"}) {
      TestClient.Response r = admin.put("/v1/key/" + route + "/crypto-missing",
          "{\"plaintext\":\"\",\"ciphertext\":\"AAAA\"}");
      assertThat(r.status()).as(route).isEqualTo(404);
      assertThat(r.message()).isEqualTo("key does not exist");
    }
  }

  /** Vectors {@code decrypt#*} through the HTTP route, with the vector key imported. */
  @Test
  void vectors_decrypt() throws Exception {
    int i = 0;
    for (JsonNode v : Vectors.ofKind("decrypt")) {
      String name = "vec-dec-" + i++;
      importKey(name, v.get("key_b64").asText(), v.get("key_type").asText());
      TestClient.Response r = decrypt(name, v);
      JsonNode exp = v.get("expected");
      String id = v.get("id").asText();
      if (exp.get("ok").asBoolean()) {
        assertThat(r.status()).as(id).isEqualTo(200);
        assertThat(r.json().get("plaintext").asText()).as(id)
            .isEqualTo(exp.get("plaintext_b64").asText());
      } else {
        assertThat(r.status()).as(id).isEqualTo(exp.get("error").get("status").asInt());
        assertThat(r.message()).as(id).isEqualTo(exp.get("error").get("message").asText());
      }
    }
  }

  /** Vectors {@code decrypt-v0.22#*}, as the current server decides them. */
  @Test
  void vectors_decryptV022_currentServerOutcome() throws Exception {
    int i = 0;
    for (JsonNode v : Vectors.ofKind("decrypt-v0.22")) {
      JsonNode cur = v.get("expected_current_server");
      String name = "vec-dec22-" + i++;
      importKey(name, v.get("key_b64").asText(), cur.get("key_type_used").asText());
      TestClient.Response r = decrypt(name, v);
      String id = v.get("id").asText();
      if (cur.get("ok").asBoolean()) {
        assertThat(r.status()).as(id).isEqualTo(200);
        assertThat(r.json().get("plaintext").asText()).as(id)
            .isEqualTo(v.get("expected").get("plaintext_b64").asText());
      } else {
        assertThat(r.status()).as(id).isEqualTo(400);
        assertThat(r.message()).as(id).isEqualTo("decryption failed: ciphertext is not authentic");
      }
    }
  }

  /** Vectors {@code bulk-decrypt-v0.22#*} on {@code /v1/key/bulk/decrypt/}. */
  @Test
  void vectors_bulkDecrypt() throws Exception {
    int i = 0;
    for (JsonNode v : Vectors.ofKind("bulk-decrypt-v0.22")) {
      String name = "vec-bulk-" + i++;
      importKey(name, v.get("key_b64").asText(), "AES256");
      TestClient.Response r = admin.post("/v1/key/bulk/decrypt/" + name,
          v.get("request_body").toString());
      assertThat(r.status()).as(v.get("id").asText())
          .isEqualTo(v.get("expected").get("status").asInt());
      assertThat(r.json()).as(v.get("id").asText()).isEqualTo(v.get("expected").get("response"));
    }
    List<String> many = new ArrayList<>();
    for (int k = 0; k < 1001; k++) {
      many.add("{}");
    }
    assertThat(admin.post("/v1/key/bulk/decrypt/vec-bulk-0", "[" + String.join(",", many) + "]")
        .message()).isEqualTo("too many ciphertexts");
    assertThat(admin.post("/v1/key/bulk/decrypt/vec-bulk-0", "[{\"ciphertext\":\"AAAA\"}]")
        .message()).isEqualTo("decryption failed: ciphertext is not authentic");
    assertThat(admin.post("/v1/key/bulk/decrypt/vec-bulk-0", "{}").message())
        .isEqualTo("invalid request body");
  }

  private static void importKey(String name, String keyB64, String type) throws Exception {
    TestClient.Response r = admin.post("/v1/key/import/" + name,
        "{\"key\":\"" + keyB64 + "\",\"cipher\":\"" + type + "\"}");
    assertThat(r.status()).as(name).isEqualTo(200);
  }

  private static TestClient.Response decrypt(String name, JsonNode v) throws Exception {
    String ad = v.get("associated_data_b64").asText();
    return admin.post("/v1/key/decrypt/" + name, "{\"ciphertext\":\""
        + v.get("ciphertext_b64").asText() + "\"" + (ad.isEmpty() ? "" : ",\"context\":\"" + ad
        + "\"") + "}");
  }

  @Test
  void policies_describeReadList() throws Exception {
    JsonNode d = admin.get("/v1/policy/describe/my-app").json();
    assertThat(d.fieldNames()).toIterable().containsExactly("name", "created_at", "created_by");
    assertThat(d.get("created_by").asText()).isEqualTo(ADMIN.id());
    JsonNode p = admin.get("/v1/policy/read/my-app").json();
    assertThat(p.fieldNames()).toIterable()
        .containsExactly("name", "allow", "deny", "created_at", "created_by");
    assertThat(p.get("allow").toString())
        .isEqualTo("{\"/v1/key/*/app-*\":{},\"/v1/key/list/*\":{},\"/v1/status\":{}}");
    assertThat(p.get("deny").toString()).isEqualTo("{\"/v1/key/delete/*\":{}}");
    assertThat(admin.get("/v1/policy/read/other").json().fieldNames()).toIterable()
        .containsExactly("name", "created_at", "created_by");
    assertThat(admin.get("/v1/policy/read/nope").text())
        .isEqualTo("{\"message\":\"policy does not exist\"\n}");
    assertThat(admin.get("/v1/policy/describe/nope").status()).isEqualTo(404);
    assertThat(admin.get("/v1/policy/list/").text())
        .isEqualTo("{\"names\":[\"my-app\",\"other\"],\"continue_at\":\"\"}\n");
    assertThat(admin.get("/v1/policy/list/my*").json().get("names").toString())
        .isEqualTo("[\"my-app\"]");
  }

  @Test
  void identities_describeListSelf() throws Exception {
    JsonNode a = admin.get("/v1/identity/describe/" + ADMIN.id()).json();
    assertThat(a.fieldNames()).toIterable().containsExactly("admin", "created_at");
    JsonNode i = admin.get("/v1/identity/describe/" + APP.id()).json();
    assertThat(i.fieldNames()).toIterable().containsExactly("policy", "created_at", "created_by");
    assertThat(i.get("policy").asText()).isEqualTo("my-app");
    assertThat(admin.get("/v1/identity/describe/" + STRANGER.id()).text())
        .isEqualTo("{\"message\":\"identity does not exist\"\n}");
    List<String> ids = new ArrayList<>(List.of(ADMIN.id(), APP.id()));
    ids.sort(null);
    assertThat(admin.get("/v1/identity/list/").text()).isEqualTo("{\"identities\":[\""
        + String.join("\",\"", ids) + "\"],\"continue_at\":\"\"}\n");
    // Self describe, docs/http-api.md#describe-yourself option (c): works without a policy allowing
    // it.
    JsonNode self = app.get("/v1/identity/self/describe").json();
    assertThat(self.fieldNames()).toIterable()
        .containsExactly("identity", "created_at", "created_by", "policy", "allow", "deny");
    assertThat(self.get("identity").asText()).isEqualTo(APP.id());
    assertThat(self.get("policy").asText()).isEqualTo("my-app");
    assertThat(self.get("allow").has("/v1/status")).isTrue();
    // ... and for an identity without a policy too (docs/migrating-from-go-kes.md: every
    // authenticated identity)
    JsonNode strangerSelf = stranger.get("/v1/identity/self/describe").json();
    assertThat(strangerSelf.fieldNames()).toIterable().containsExactly("identity", "created_at");
    assertThat(strangerSelf.get("identity").asText()).isEqualTo(STRANGER.id());
  }

  /** Vector {@code api-behavior#1}, with our admin certificate in place of the vector's. */
  @Test
  void vector_apiBehavior1_selfDescribeOfTheAdmin() throws Exception {
    JsonNode v = Vectors.ofKind("api-behavior").get(1);
    TestClient.Response r = admin.get(v.get("request").get("path").asText());
    assertThat(r.status()).isEqualTo(v.get("expected").get("status").asInt());
    assertThat(r.json().get("identity").asText()).isEqualTo(ADMIN.id());
    assertThat(r.json().get("admin").asBoolean()).isTrue();
    assertThat(r.json().fieldNames()).toIterable().containsExactly("identity", "admin",
        "created_at");
  }

  @Test
  void policyChecks_useTheFullPath() throws Exception {
    assertThat(app.post("/v1/key/create/app-1", null).status()).isEqualTo(200);
    assertThat(app.post("/v1/key/create/other-1", null).text())
        .isEqualTo("{\"message\":\"not authorized: insufficient permissions\"\n}");
    assertThat(app.send("DELETE", "/v1/key/delete/app-1", null, java.util.Map.of()).status())
        .isEqualTo(403);
    assertThat(app.get("/v1/key/list/").status()).isEqualTo(200);
    assertThat(stranger.get("/v1/key/list/").status()).isEqualTo(403);
    assertThat(stranger.get("/v1/api").status()).isEqualTo(403);
  }

  @Test
  void clientWithoutCertificate_isRefusedInTheHandshake() {
    TestClient anonymous = server.client(null);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.get("/version"))
        .isInstanceOf(java.io.IOException.class);
  }
}

package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /v1/key/rotate/<name>} and the version members of the key routes (docs/rotation.md). */
class RotationRoutesTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred APP = Cred.create("app");

  static TestServer server;
  static TestClient admin;
  static TestClient app;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.builder(ADMIN)
        .policy("app", List.of("/v1/key/generate/app-*", "/v1/key/decrypt/app-*"), List.of(),
            APP.id())
        .start();
    admin = server.client(ADMIN);
    app = server.client(APP);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String b64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static long successes() throws Exception {
    for (String line : admin.get("/v1/metrics").text().split("\n")) {
      if (line.startsWith("kes_http_request_success{code=\"200\"} ")) {
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1));
      }
    }
    return 0;
  }

  @Test
  void aNeverRotatedKey_answersByteForByteAsBefore() throws Exception {
    admin.put("/v1/key/create/plain-1", null);
    TestClient.Response g = admin.put("/v1/key/generate/plain-1", "{}");
    JsonNode gj = g.json();
    assertThat(g.text()).isEqualTo("{\"plaintext\":\"" + gj.get("plaintext").asText()
        + "\",\"ciphertext\":\"" + gj.get("ciphertext").asText() + "\"}\n");
    TestClient.Response e = admin.put("/v1/key/encrypt/plain-1",
        "{\"plaintext\":\"" + b64("m") + "\"}");
    assertThat(e.text())
        .isEqualTo("{\"ciphertext\":\"" + e.json().get("ciphertext").asText() + "\"}\n");
    TestClient.Response d = admin.get("/v1/key/describe/plain-1");
    JsonNode dj = d.json();
    assertThat(d.text()).isEqualTo("{\"name\":\"plain-1\",\"algorithm\":\"AES256\","
        + "\"created_at\":\"" + dj.get("created_at").asText() + "\",\"created_by\":\""
        + ADMIN.id() + "\"}\n");
  }

  @Test
  void rotate_answersTheNewVersion_withPutAndPost_andIsCounted() throws Exception {
    admin.put("/v1/key/create/rot-1", null);
    String dek = admin.put("/v1/key/generate/rot-1", "{}").json().get("ciphertext").asText();
    long before = successes();
    TestClient.Response r = admin.put("/v1/key/rotate/rot-1", null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("content-type")).isEqualTo("application/json");
    assertThat(r.text()).isEqualTo("{\"name\":\"rot-1\",\"version\":\"2\"}\n");
    assertThat(admin.post("/v1/key/rotate/rot-1", null).text())
        .isEqualTo("{\"name\":\"rot-1\",\"version\":\"3\"}\n");
    assertThat(successes()).isGreaterThanOrEqualTo(before + 2);

    JsonNode g = admin.put("/v1/key/generate/rot-1", "{}").json();
    assertThat(g.get("version").asText()).isEqualTo("3");
    JsonNode e = admin.put("/v1/key/encrypt/rot-1", "{\"plaintext\":\"" + b64("m") + "\"}").json();
    assertThat(e.get("version").asText()).isEqualTo("3");
    JsonNode d = admin.get("/v1/key/describe/rot-1").json();
    assertThat(d.get("version").asText()).isEqualTo("3");
    assertThat(d.get("versions")).hasSize(3);
    assertThat(d.get("versions").get(1).get("version").asText()).isEqualTo("2");
    assertThat(d.get("versions").get(1).get("created_by").asText()).isEqualTo(ADMIN.id());
    assertThat(d.get("versions").get(0).get("created_at")).isEqualTo(d.get("created_at"));

    // The pre-rotation data key decrypts without a version and with version 1 only.
    assertThat(admin.put("/v1/key/decrypt/rot-1", "{\"ciphertext\":\"" + dek + "\"}").status())
        .isEqualTo(200);
    assertThat(admin.put("/v1/key/decrypt/rot-1",
        "{\"ciphertext\":\"" + dek + "\",\"version\":\"1\"}").status()).isEqualTo(200);
    TestClient.Response wrong = admin.put("/v1/key/decrypt/rot-1",
        "{\"ciphertext\":\"" + dek + "\",\"version\":\"3\"}");
    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.message()).isEqualTo("decryption failed: ciphertext is not authentic");
    // kms-go leaves an empty version out: "" means none.
    assertThat(admin.put("/v1/key/decrypt/rot-1",
        "{\"ciphertext\":\"" + dek + "\",\"version\":\"\"}").status()).isEqualTo(200);
    // Bulk decrypt: each item may name its version.
    TestClient.Response bulk = admin.post("/v1/key/bulk/decrypt/rot-1",
        "[{\"ciphertext\":\"" + dek + "\",\"version\":\"1\"},{\"ciphertext\":\""
            + g.get("ciphertext").asText() + "\"}]");
    assertThat(bulk.status()).isEqualTo(200);
    assertThat(bulk.json()).hasSize(2);
  }

  @Test
  void badAndUnknownVersions_are400And404() throws Exception {
    admin.put("/v1/key/create/rot-2", null);
    String ct = admin.put("/v1/key/encrypt/rot-2", "{\"plaintext\":\"\"}").json()
        .get("ciphertext").asText();
    for (String bad : new String[] {"0", "01", "-2", "v2", "1.0", "x"}) {
      TestClient.Response r = admin.put("/v1/key/decrypt/rot-2",
          "{\"ciphertext\":\"" + ct + "\",\"version\":\"" + bad + "\"}");
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.message()).as(bad)
          .isEqualTo("invalid key version: a version is a positive decimal number such as '1'");
    }
    TestClient.Response number = admin.put("/v1/key/decrypt/rot-2",
        "{\"ciphertext\":\"" + ct + "\",\"version\":2}");
    assertThat(number.status()).isEqualTo(400);
    assertThat(number.message()).isEqualTo("invalid request body");
    TestClient.Response unknown = admin.put("/v1/key/decrypt/rot-2",
        "{\"ciphertext\":\"" + ct + "\",\"version\":\"2\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.message()).isEqualTo("key version '2' does not exist");
    TestClient.Response hmac = admin.put("/v1/key/hmac/rot-2",
        "{\"message\":\"\",\"version\":\"9\"}");
    assertThat(hmac.status()).isEqualTo(404);
    assertThat(hmac.message()).isEqualTo("key version '9' does not exist");
  }

  @Test
  void hmac_isTheSameAfterRotation_unlessAVersionIsNamed() throws Exception {
    admin.put("/v1/key/create/rot-3", null);
    String body = "{\"message\":\"" + b64("msg") + "\"}";
    String before = admin.put("/v1/key/hmac/rot-3", body).text();
    admin.put("/v1/key/rotate/rot-3", null);
    assertThat(admin.put("/v1/key/hmac/rot-3", body).text()).isEqualTo(before);
    assertThat(admin.put("/v1/key/hmac/rot-3", "{\"message\":\"" + b64("msg")
        + "\",\"version\":\"1\"}").text()).isEqualTo(before);
    String v2 = admin.put("/v1/key/hmac/rot-3", "{\"message\":\"" + b64("msg")
        + "\",\"version\":\"2\"}").text();
    assertThat(v2).startsWith("{\"hmac\":\"").isNotEqualTo(before);
  }

  @Test
  void rotate_errors_are404_400_403_405() throws Exception {
    TestClient.Response missing = admin.put("/v1/key/rotate/rot-missing", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.message()).isEqualTo("key does not exist");
    TestClient.Response invalid = admin.put("/v1/key/rotate/my.key", null);
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.message())
        .isEqualTo("key name 'my.key' is empty, too long or contains invalid characters");
    admin.put("/v1/key/create/app-1", null);
    assertThat(app.put("/v1/key/generate/app-1", "{}").status()).isEqualTo(200);
    TestClient.Response denied = app.put("/v1/key/rotate/app-1", null);
    assertThat(denied.status()).isEqualTo(403);
    assertThat(denied.message()).isEqualTo("not authorized: insufficient permissions");
    TestClient.Response get = admin.send("GET", "/v1/key/rotate/app-1", null, Map.of());
    assertThat(get.status()).isEqualTo(405);
    assertThat(get.header("accept")).isEqualTo("PUT");
    assertThat(admin.get("/v1/key/describe/app-1").json().has("versions")).isFalse();
  }

  @Test
  void api_listsTheRotateRoute_andListingsHideVersions() throws Exception {
    JsonNode found = null;
    for (JsonNode e : admin.get("/v1/api").json()) {
      if (e.get("path").asText().equals("/v1/key/rotate/")) {
        found = e;
      }
    }
    assertThat(found).isNotNull();
    assertThat(found.get("method").asText()).isEqualTo("PUT");
    assertThat(found.get("max_body").asLong()).isZero();
    admin.put("/v1/key/create/list-rot", null);
    admin.put("/v1/key/rotate/list-rot", null);
    assertThat(admin.get("/v1/key/list/list-rot*").text())
        .isEqualTo("{\"names\":[\"list-rot\"]}\n");
  }
}

package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code api.<path>.skip_auth} and {@code timeout} overrides ({@code docs/configuration.md#api}).
 */
class SkipAuthTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred STRANGER = Cred.create("stranger");

  @Test
  void skippedRoutes_needNoPolicyNorCertificate_othersStillDo() throws Exception {
    try (TestServer s = TestServer.builder(ADMIN)
        .api("/v1/ready", Duration.ZERO, true)
        .api("/v1/status", Duration.ofSeconds(30), true)
        .api("/v1/api", Duration.ofSeconds(42), false)
        .start()) {
      TestClient anonymous = s.client(null);
      TestClient stranger = s.client(STRANGER);
      assertThat(anonymous.get("/v1/ready").status()).isEqualTo(200);
      assertThat(anonymous.get("/v1/status").status()).isEqualTo(200);
      assertThat(stranger.get("/v1/status").status()).isEqualTo(200);
      // Routes that need an identity answer 400 instead of failing the handshake.
      TestClient.Response r = anonymous.get("/v1/key/list/");
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.message()).isEqualTo("tls: client certificate is required");
      assertThat(stranger.get("/v1/key/list/").status()).isEqualTo(403);
      assertThat(anonymous.get("/v1/identity/self/describe").message())
          .isEqualTo("identity does not exist");
      assertThat(anonymous.get("/version").status()).isEqualTo(200);
      // Overridden timeouts show in /v1/api.
      for (JsonNode e : s.client(ADMIN).get("/v1/api").json()) {
        String path = e.get("path").asText();
        long t = e.get("timeout").asLong();
        if (path.equals("/v1/status")) {
          assertThat(t).isEqualTo(30);
        } else if (path.equals("/v1/api")) {
          assertThat(t).isEqualTo(42);
        } else if (path.equals("/v1/ready")) {
          assertThat(t).isEqualTo(15);
        }
      }
    }
  }

  /**
   * Vector {@code api-behavior#0}: the identity listing holds the admin (even a placeholder) and
   * every assigned identity, sorted. The route skips auth so that the vector's admin, whose key we
   * do not have, can be the admin.
   */
  @Test
  void vector_apiBehavior0_listIdentities() throws Exception {
    JsonNode v = Vectors.ofKind("api-behavior").get(0);
    JsonNode setup = v.get("setup");
    TestServer.Builder b = new TestServer.Builder(setup.get("admin").asText());
    setup.get("policies").properties().forEach(p -> {
      List<String> ids = new ArrayList<>();
      p.getValue().get("identities").forEach(n -> ids.add(n.asText()));
      b.policy(p.getKey(), List.of(), List.of(), ids.toArray(String[]::new));
    });
    b.api("/v1/identity/list/", Duration.ZERO, true);
    try (TestServer s = b.start()) {
      TestClient.Response r = s.client(STRANGER).get(v.get("request").get("path").asText());
      assertThat(r.status()).isEqualTo(v.get("expected").get("status").asInt());
      assertThat(r.json().get("identities")).isEqualTo(v.get("expected").get("body_identities"));
    }
  }

  /** Vector {@code api-behavior#2}: only the valid names of the validate-name vectors exist. */
  @Test
  void vector_apiBehavior2_listKeys() throws Exception {
    JsonNode v = Vectors.ofKind("api-behavior").get(2);
    try (TestServer s = TestServer.builder(ADMIN).start()) {
      TestClient admin = s.client(ADMIN);
      for (JsonNode n : Vectors.ofKind("validate-name")) {
        String name = n.get("name").asText();
        String path = "/v1/key/create/" + java.net.URLEncoder
            .encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
        int status = admin.put(path, null).status();
        assertThat(status).as(name).isEqualTo(n.get("expected").get("valid").asBoolean() ? 200 : 400);
      }
      TestClient.Response r = admin.get(v.get("request").get("path").asText());
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.json().get("names")).isEqualTo(v.get("expected").get("body_names"));
    }
  }
}

package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.policy.Decision;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two policy tables of KES's configuration documentation, row by row, over HTTP: a path that
 * passes reaches its handler; a refused path of a current route answers 403, and a refused path
 * that is no route answers the router's 404 (the policy also denies it).
 */
class PolicyTablesTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred CALLER = Cred.create("caller");

  private static void passes(TestServer s, TestClient c, String method, String path)
      throws Exception {
    assertThat(s.engine.policies().verify(CALLER.id(), path)).as(path).isEqualTo(Decision.ALLOW);
    TestClient.Response r = c.send(method, path, method.equals("PUT") ? "{}".getBytes() : null,
        Map.of());
    assertThat(r.status()).as(path + " " + r.text()).isEqualTo(200);
  }

  private static void refused(TestServer s, TestClient c, String method, String path,
      int status) throws Exception {
    assertThat(s.engine.policies().verify(CALLER.id(), path)).as(path).isEqualTo(Decision.DENY);
    TestClient.Response r = c.send(method, path, null, Map.of());
    assertThat(r.status()).as(path).isEqualTo(status);
    if (status == 403) {
      assertThat(r.message()).isEqualTo("not authorized: insufficient permissions");
    }
  }

  @Test
  void table1_exactPaths() throws Exception {
    try (TestServer s = TestServer.builder(ADMIN).policy("my-policy",
        List.of("/v1/key/create/my-key", "/v1/key/generate/my-key", "/v1/key/decrypt/my-key"),
        List.of(), CALLER.id()).start()) {
      TestClient c = s.client(CALLER);
      passes(s, c, "PUT", "/v1/key/create/my-key");
      passes(s, c, "PUT", "/v1/key/generate/my-key");
      refused(s, c, "PUT", "/v1/key/create/my-key2", 403);
      refused(s, c, "DELETE", "/v1/key/delete/my-key", 403);
      refused(s, c, "POST", "/v1/policy/write/my-policy", 404);
      refused(s, c, "PUT", "/v0/key/create/my-key", 404);
    }
  }

  @Test
  void table2_globsAndDeny() throws Exception {
    try (TestServer s = TestServer.builder(ADMIN).policy("my-policy",
        List.of("/v1/key/create/my-key*", "/v1/key/generate/my-key*", "/v1/key/decrypt/my-key*",
            "/v1/key/delete/my-key"),
        List.of("/v1/key/*/my-key-internal"), CALLER.id()).start()) {
      TestClient c = s.client(CALLER);
      passes(s, c, "PUT", "/v1/key/create/my-key2");
      s.engine.createKey("my-key");
      passes(s, c, "DELETE", "/v1/key/delete/my-key");
      refused(s, c, "DELETE", "/v1/key/delete/my-key2", 403);
      refused(s, c, "PUT", "/v1/key/decrypt/my-key-internal", 403);
    }
  }
}

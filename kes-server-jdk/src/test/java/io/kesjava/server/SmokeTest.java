package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void createAndDescribe() throws Exception {
    TestPki.Cred admin = TestPki.create("admin");
    try (TestServer s = TestServer.builder(admin).policy("p", List.of("/v1/*"), List.of()).start()) {
      TestClient c = s.client(admin);
      var r = c.post("/v1/key/create/my-key", null);
      assertThat(r.status()).isEqualTo(200);
      r = c.get("/v1/key/describe/my-key");
      System.out.println(r.headers() + " " + r.text());
      assertThat(r.status()).isEqualTo(200);
      r = c.get("/v1/key/describe/nokey");
      System.out.println(r.headers() + " " + r.text());
    }
  }
}

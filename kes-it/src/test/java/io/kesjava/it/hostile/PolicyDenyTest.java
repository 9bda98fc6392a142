package io.kesjava.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A policy written for the Go KES (v0.23 and later), {@code deny: [/v1/key/*]}, denies every key
 * operation here too, although its allow list grants them; the server says so at start.
 */
class PolicyDenyTest {

  @TempDir Path dir;

  @Test
  void aGoKesDenyOfTheKeyArea_deniesEveryKeyRoute_andTheStartupWarningSaysWhy() throws Exception {
    try (HostileServer server = HostileServer.start(dir)) {
      RawClient admin = new RawClient(server.adminContext(), server.port());
      RawClient legacy = new RawClient(HostileServer.context(server.legacy), server.port());
      assertThat(admin.send(RawClient.head("PUT /v1/key/create/k HTTP/1.1", "Host: x",
          "Connection: close")).status()).isEqualTo(200);
      for (String request : new String[] {"PUT /v1/key/create/k2", "GET /v1/key/describe/k",
          "GET /v1/key/list/", "PUT /v1/key/generate/k", "PUT /v1/key/encrypt/k",
          "PUT /v1/key/decrypt/k", "PUT /v1/key/hmac/k", "DELETE /v1/key/delete/k",
          "PUT /v1/key/import/k3", "PUT /v1/key/rotate/k"}) {
        RawClient.Response r = legacy.send(RawClient.concat(RawClient.head(request + " HTTP/1.1",
            "Host: x", "Connection: close", "Content-Length: 2"), RawClient.bytes("{}")));
        assertThat(r.status()).as(request).isEqualTo(403);
        assertThat(r.message()).isEqualTo("not authorized: insufficient permissions");
      }
      assertThat(legacy.send(RawClient.head("GET /v1/status HTTP/1.1", "Host: x",
          "Connection: close")).status()).isEqualTo(200);
      assertThat(server.output()).contains("policy 'go-kes': deny pattern '/v1/key/*' also"
          + " matches as a prefix: it denies every path that starts with '/v1/key/'");
      assertThat(server.keyDirectory()).containsExactly("k");
    }
  }
}

package io.kesjava.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header timeout bounds the request head only; the body is bounded by the route's timeout
 * (15 s for encrypt). A valid 200 KB encrypt body sent at 20 KB/s (10 s) is answered, and
 * correctly.
 */
class SlowUploadTest {

  @TempDir Path dir;

  @Test
  void aSlowButSteadyUpload_withinTheRouteTimeout_succeeds() throws Exception {
    try (HostileServer server = HostileServer.start(dir)) {
      RawClient admin = new RawClient(server.adminContext(), server.port());
      assertThat(admin.send(RawClient.head("PUT /v1/key/create/slow HTTP/1.1", "Host: x",
          "Connection: close")).status()).isEqualTo(200);
      byte[] plaintext = new byte[150_000];
      Arrays.fill(plaintext, (byte) 'p');
      byte[] body = ("{\"plaintext\":\"" + Base64.getEncoder().encodeToString(plaintext) + "\"}")
          .getBytes(StandardCharsets.US_ASCII);
      assertThat(body.length).isBetween(200_000, 201_000);
      long start = System.nanoTime();
      try (SSLSocket s = admin.connect()) {
        s.setSoTimeout(30_000);
        OutputStream out = s.getOutputStream();
        out.write(RawClient.head("PUT /v1/key/encrypt/slow HTTP/1.1", "Host: x",
            "Content-Length: " + body.length));
        for (int off = 0; off < body.length; off += 2_000) { // 2 KB every 100 ms: 20 KB/s
          out.write(body, off, Math.min(2_000, body.length - off));
          out.flush();
          Thread.sleep(100);
        }
        RawClient.Response r = RawClient.read(new BufferedInputStream(s.getInputStream()));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(seconds).as("the upload took longer than the header timeout").isGreaterThan(6);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        JsonNode ct = RawClient.JSON.readTree(r.body()).get("ciphertext");
        String decrypt = "{\"ciphertext\":\"" + ct.asText() + "\"}";
        RawClient.Response d = admin.send(RawClient.concat(RawClient.head(
            "PUT /v1/key/decrypt/slow HTTP/1.1", "Host: x", "Connection: close",
            "Content-Length: " + decrypt.length()), RawClient.bytes(decrypt)));
        assertThat(Base64.getDecoder().decode(
            RawClient.JSON.readTree(d.body()).get("plaintext").asText())).isEqualTo(plaintext);
      }
    }
  }
}

package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.core.KesEngine;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.PolicyTable;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two servers in front of one key store, as KES nodes behind a shared backend: the client spreads
 * requests over both and keeps working when one stops mid-run ({@code
 * docs/http-api.md#clients-retries-and-several-endpoints}).
 */
class FailoverTest {

  private static final ApiKey ADMIN = ApiKey.generate();

  @Test
  void whenOneServerStopsMidRun_everyCallStillSucceeds() {
    KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore())
        .policies(PolicyTable.builder().admin(ADMIN.identity().value()).build()).build();
    try (TestServer a = TestServer.start(engine, 0);
        TestServer b = TestServer.start(engine, 0);
        KesClient client = KesClient.builder().endpoint(a.endpoint(), b.endpoint()).apiKey(ADMIN)
            .trustedCertificates(TestServer.SERVER_CERT.chain()).systemTrustStore(false)
            .retries(2, Duration.ZERO, Duration.ZERO).build()) {
      count(a, 0);
      count(b, 1);
      client.createKey("shared");
      for (int i = 0; i < 60; i++) {
        if (i == 20) {
          assertThat(SEEN[0].get()).as("requests to a").isPositive();
          assertThat(SEEN[1].get()).as("requests to b").isPositive();
          a.stop();
        }
        byte[] pt = ("message " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] ct = client.encrypt("shared", pt, new byte[0]);
        try (SecretBytes out = client.decrypt("shared", ct, new byte[0])) {
          assertThat(out.bytes()).isEqualTo(pt);
        }
      }
      // Creating is not re-sent after a request went out, but a refused connection is safe.
      client.createKey("after-stop");
      client.deleteKey("after-stop");
      int seenByA = SEEN[0].get();
      client.status();
      assertThat(SEEN[0].get()).isEqualTo(seenByA);

      b.stop();
      assertThatThrownBy(client::status).isExactlyInstanceOf(KesTransportException.class)
          .hasMessageContaining("cannot reach");
    }
  }

  private static final AtomicInteger[] SEEN = {new AtomicInteger(), new AtomicInteger()};

  /** Counts the requests a server answers; the subscription ends with the server. */
  private static void count(TestServer server, int index) {
    server.server.auditLog().subscribe(e -> SEEN[index].incrementAndGet());
  }
}

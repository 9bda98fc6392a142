package io.kesjava.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.kesjava.core.ApiKey;
import io.kesjava.core.DataKey;
import io.kesjava.core.KesEngine;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.PolicyTable;
import io.kesjava.testkit.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * API keys, plaintexts and data keys never reach a log record, an exception message or a {@code
 * toString()} of the client, also when calls fail over and fail.
 */
class RedactionTest {

  @Test
  void secrets_neverAppearInLogsExceptionsOrToString() {
    ApiKey key = ApiKey.generate();
    String apiKey = key.revealText();
    byte[] plaintext = "TOP-SECRET-PLAINTEXT".getBytes(UTF_8);
    List<String> seen = new ArrayList<>();
    LogCapture log = new LogCapture("io.kesjava.client");
    KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore())
        .policies(PolicyTable.builder().admin(key.identity().value()).build()).build();
    List<String> secrets = new ArrayList<>(List.of(apiKey, apiKey.substring(7),
        "TOP-SECRET-PLAINTEXT", Base64.getEncoder().encodeToString(plaintext)));
    try (TestServer a = TestServer.start(engine, 0);
        TestServer b = TestServer.start(engine, 0);
        KesClient client = KesClient.builder().endpoint(a.endpoint(), b.endpoint())
            .apiKey(apiKey).trustedCertificates(TestServer.SERVER_CERT.chain())
            .systemTrustStore(false).retries(1, Duration.ZERO, Duration.ZERO).build()) {
      client.createKey("k");
      byte[] ct = client.encrypt("k", plaintext, new byte[0]);
      try (DataKey dek = client.generateKey("k", new byte[0]);
          SecretBytes pt = client.decrypt("k", ct, new byte[0])) {
        secrets.add(Base64.getEncoder().encodeToString(dek.plaintext().bytes()));
        seen.add(dek.toString());
        seen.add(pt.toString());
      }
      seen.add(client.toString());
      seen.add(client.toBuilder().toString());
      a.stop();
      client.encrypt("k", plaintext, new byte[0]); // fails over, logs the failure
      seen.add(catchThrowable(() -> client.decrypt("k", new byte[60], plaintext)).toString());
      b.stop();
      Throwable t = catchThrowable(() -> client.encrypt("k", plaintext, plaintext));
      seen.add(t.toString());
      seen.add(String.valueOf(t.getCause()));
    } finally {
      log.close();
    }
    seen.addAll(log.lines());
    assertThat(seen).anySatisfy(s -> assertThat(s).contains("cannot reach"));
    for (String s : seen) {
      for (String secret : secrets) {
        assertThat(s).doesNotContain(secret);
      }
    }
  }
}

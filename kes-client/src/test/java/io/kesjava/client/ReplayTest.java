package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.crypto.KeyAlgorithm;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * When the connection breaks after a request went out ({@code
 * docs/http-api.md#clients-retries-and-several-endpoints}): calls without side effects are sent
 * again, calls with side effects are not, so that a lost answer never becomes a second create or
 * delete.
 */
class ReplayTest {

  private static KesClient client(DroppingServer server) {
    return KesClient.builder().endpoint(server.endpoint()).apiKey(ApiKey.generate())
        .trustedCertificates(TestServer.SERVER_CERT.chain()).systemTrustStore(false)
        .retries(2, Duration.ZERO, Duration.ZERO).build();
  }

  @Test
  void readsAndCrypto_areSentAgain_inEveryRound() throws Exception {
    try (DroppingServer server = new DroppingServer(); KesClient c = client(server)) {
      assertThatThrownBy(() -> c.describeKey("k")).isExactlyInstanceOf(KesTransportException.class)
          .hasMessageContaining("cannot reach");
      assertThat(server.requests).hasSizeGreaterThanOrEqualTo(3)
          .allMatch(r -> r.equals("GET /v1/key/describe/k HTTP/1.1"));
      server.requests.clear();
      assertThatThrownBy(() -> c.decrypt("k", new byte[60], new byte[0]))
          .isExactlyInstanceOf(KesTransportException.class);
      assertThat(server.requests).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void createImportAndDelete_areNotSentAgain_afterTheRequestWentOut() throws Exception {
    try (DroppingServer server = new DroppingServer(); KesClient c = client(server)) {
      assertThatThrownBy(() -> c.createKey("k")).isExactlyInstanceOf(KesTransportException.class)
          .hasMessageContaining("may or may not have taken effect");
      assertThatThrownBy(() -> c.importKey("k", KeyAlgorithm.AES256, new byte[32]))
          .isExactlyInstanceOf(KesTransportException.class);
      assertThatThrownBy(() -> c.deleteKey("k")).isExactlyInstanceOf(KesTransportException.class);
      assertThat(server.requests).containsExactly("POST /v1/key/create/k HTTP/1.1",
          "POST /v1/key/import/k HTTP/1.1", "DELETE /v1/key/delete/k HTTP/1.1");
    }
  }
}

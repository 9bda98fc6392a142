package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.gemalto.FakeKeySecure;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.gemalto.keysecure} ({@code docs/keystores/gemalto.md#configuration}) with a
 * refresh token for the root domain and the fake's CA as {@code tls.ca}, against
 * kes-keystore-gemalto's fake of the KeySecure / CipherTrust REST API over HTTPS. The value is the
 * {@code material} of a vault secret named after the key ({@code
 * docs/keystores/README.md#what-is-stored}).
 */
class GemaltoE2eTest extends KeyStoreE2eTest {

  private MockWebServer keySecure;
  private final VendorHttp http = new VendorHttp(List.of(PKI.ca));

  @BeforeEach
  void startKeySecure() throws Exception {
    keySecure = MockServers.startHttps(new FakeKeySecure(Clock.systemUTC()));
  }

  @AfterEach
  void stopKeySecure() {
    keySecure.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  gemalto:",
        "    keysecure:",
        "      endpoint: " + MockServers.endpoint(keySecure),
        "      credentials:",
        "        token:  " + FakeKeySecure.REFRESH_TOKEN,
        "        domain: \"\"",
        "      tls:",
        "        ca: " + caFile);
  }

  @Override
  String description() {
    return "Gemalto KeySecure: " + MockServers.endpoint(keySecure);
  }

  /** A token from the refresh token, then {@code POST .../secrets/<name>/export?type=name}. */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    String endpoint = MockServers.endpoint(keySecure);
    Response token =
        http.send(
            "POST",
            endpoint + "/api/v1/auth/tokens",
            "{\"grant_type\":\"refresh_token\",\"refresh_token\":"
                + VendorHttp.quote(FakeKeySecure.REFRESH_TOKEN)
                + ",\"domain\":\"\"}",
            "Content-Type",
            "application/json");
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    Response response =
        http.send(
            "POST",
            endpoint + "/api/v1/vault/secrets/" + name + "/export?type=name",
            null,
            "Authorization",
            "Bearer " + token.json().path("jwt").asText());
    if (response.status() == 404) {
      return Optional.empty();
    }
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Optional.of(response.json().path("material").asText().getBytes(UTF_8));
  }
}

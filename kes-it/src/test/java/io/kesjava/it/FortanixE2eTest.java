package io.kesjava.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.fortanix.FakeSdkms;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.fortanix.sdkms} ({@code docs/keystores/fortanix.md#configuration}) with an API
 * key and the fake's CA as {@code tls.ca}, against kes-keystore-fortanix's fake of the SDKMS REST
 * API over HTTPS. The value is an exportable {@code OPAQUE} security object named after the key,
 * whose {@code value} is the base64 of KES's value ({@code
 * docs/keystores/README.md#what-is-stored}).
 */
class FortanixE2eTest extends KeyStoreE2eTest {

  private MockWebServer sdkms;
  private final VendorHttp http = new VendorHttp(List.of(PKI.ca));

  @BeforeEach
  void startSdkms() throws Exception {
    sdkms = MockServers.startHttps(new FakeSdkms(Clock.systemUTC()));
  }

  @AfterEach
  void stopSdkms() {
    sdkms.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  fortanix:",
        "    sdkms:",
        "      endpoint: " + MockServers.endpoint(sdkms),
        "      credentials:",
        "        key: " + FakeSdkms.API_KEY,
        "      tls:",
        "        ca: " + caFile);
  }

  @Override
  String description() {
    return "Fortanix SDKMS: " + MockServers.endpoint(sdkms);
  }

  /** {@code POST /crypto/v1/keys/export} by name, as any SDKMS application would. */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    Response response =
        http.send(
            "POST",
            MockServers.endpoint(sdkms) + "/crypto/v1/keys/export",
            "{\"name\":" + VendorHttp.quote(name) + "}",
            "Authorization",
            "Basic " + FakeSdkms.API_KEY,
            "Content-Type",
            "application/json");
    if (response.status() == 404) {
      assertThat(response.body()).isEqualTo("sobject does not exist");
      return Optional.empty();
    }
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().path("obj_type").asText()).isEqualTo("OPAQUE");
    return Optional.of(Base64.getDecoder().decode(response.json().path("value").asText()));
  }
}

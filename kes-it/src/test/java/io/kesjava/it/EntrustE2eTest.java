package io.kesjava.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.it.VendorHttp.Response;
import io.kesjava.keystore.entrust.FakeKeyControl;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * {@code keystore.entrust.keycontrol} ({@code docs/keystores/entrust.md#configuration}) with a
 * vault, a box, a user and the fake's CA as {@code tls.ca}, against kes-keystore-entrust's fake of
 * the KeyControl vault API over HTTPS. The value is a secret named after the key in the box, whose
 * {@code secret_data} is the base64 of KES's value ({@code
 * docs/keystores/README.md#what-is-stored}).
 */
class EntrustE2eTest extends KeyStoreE2eTest {

  private MockWebServer keyControl;
  private final VendorHttp http = new VendorHttp(List.of(PKI.ca));

  @BeforeEach
  void startKeyControl() throws Exception {
    keyControl = MockServers.startHttps(new FakeKeyControl(Clock.systemUTC()));
  }

  @AfterEach
  void stopKeyControl() {
    keyControl.close();
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  entrust:",
        "    keycontrol:",
        "      endpoint: " + MockServers.endpoint(keyControl),
        "      vault_id: " + FakeKeyControl.VAULT_ID,
        "      box_id:   " + FakeKeyControl.BOX_ID,
        "      credentials:",
        "        username: " + FakeKeyControl.USERNAME,
        "        password: " + VendorHttp.quote(FakeKeyControl.PASSWORD),
        "      tls:",
        "        ca: " + caFile);
  }

  @Override
  String description() {
    return "Entrust KeyControl: " + MockServers.endpoint(keyControl);
  }

  /** A login, then {@code CheckoutSecret} of the key's secret in the box. */
  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    String endpoint = MockServers.endpoint(keyControl);
    Response login =
        http.send(
            "POST",
            endpoint + "/vault/1.0/Login/" + FakeKeyControl.VAULT_ID + "/",
            "{\"username\":"
                + VendorHttp.quote(FakeKeyControl.USERNAME)
                + ",\"password\":"
                + VendorHttp.quote(FakeKeyControl.PASSWORD)
                + "}",
            "Content-Type",
            "application/json");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    Response response =
        http.send(
            "POST",
            endpoint + "/vault/1.0/CheckoutSecret/",
            "{\"box_id\":"
                + VendorHttp.quote(FakeKeyControl.BOX_ID)
                + ",\"secret_id\":"
                + VendorHttp.quote(name)
                + "}",
            "X-Vault-Auth",
            login.json().path("access_token").asText());
    if (response.status() == 404) {
      assertThat(response.json().path("error").asText()).isEqualTo("Secret not found");
      return Optional.empty();
    }
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return Optional.of(Base64.getDecoder().decode(response.json().path("secret_data").asText()));
  }
}

package io.kesjava.keystore.gemalto;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.testkit.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The {@code keystore.gemalto} section of a KES config file
 * (docs/keystores/gemalto.md#configuration).
 */
class GemaltoKeyStoreProviderTest {

  private static final GemaltoKeyStoreProvider PROVIDER = new GemaltoKeyStoreProvider();

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  static KeyStoreConfig section(String yaml) {
    Map<String, Object> root = new Yaml().load(yaml);
    Map<String, Object> keystore = (Map<String, Object>) root.get("keystore");
    return KeyStoreConfig.of("keystore.gemalto", (Map<String, Object>) keystore.get("gemalto"));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = GemaltoKeyStoreProviderTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void theProvider_isFoundByItsName() {
    assertThat(KeyStoreRegistry.load().provider("gemalto"))
        .isInstanceOf(GemaltoKeyStoreProvider.class);
  }

  @Test
  void aServerConfig_buildsAStore_thatServesKeysThroughTheFake() throws Exception {
    TestPki pki = new TestPki();
    FakeKeySecure keySecure = new FakeKeySecure(Clock.systemUTC(), "tenant-7");
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(pki.serverSocketFactory());
      server.setDispatcher(keySecure);
      server.start();
      String yaml =
          resource("gemalto-config.yaml")
              .replace("FAKE_ENDPOINT", server.url("/").toString())
              .replace("FAKE_TOKEN", FakeKeySecure.REFRESH_TOKEN)
              .replace("FAKE_CA", pki.writeCa(dir.resolve("ca.pem")).toString());

      try (KeyStore store = KeyStoreRegistry.load().create("gemalto", section(yaml))) {
        store.create("my-key", "value-1".getBytes(UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
        assertThat(store.description()).startsWith("Gemalto KeySecure: https://");
      }
      String auth = keySecure.requests().get(0).getBody().utf8();
      assertThat(new ObjectMapper().readTree(auth).path("domain").asText()).isEqualTo("tenant-7");
    }
  }

  @Test
  void theSectionOfKesConfigTemplate_isRead_andItsEmptyEndpointIsReported() throws Exception {
    KeyStoreConfig config = section(resource("server-config.yaml"));

    assertThatThrownBy(() -> new GemaltoKeyStoreProvider().create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.gemalto.keysecure.endpoint: invalid gemalto keysecure keystore: no endpoint"
                + " specified");
  }

  @Test
  void theTemplateWithAnEndpoint_isRead_andItsEmptyTokenIsReported() throws Exception {
    String yaml =
        resource("server-config.yaml")
            .replace(
                "endpoint: \"\"    # The KeySecure endpoint",
                "endpoint: https://127.0.0.1    # The KeySecure endpoint");

    assertThatThrownBy(() -> PROVIDER.configure(section(yaml)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.gemalto.keysecure.credentials.token: invalid gemalto keysecure keystore: no"
                + " token specified");
  }

  @Test
  void allSettings_reachTheBuilder_andTheTokenIsNotPrinted() throws Exception {
    Path ca = new TestPki().writeCa(dir.resolve("ca.pem"));
    Map<String, Object> keysecure = new HashMap<>();
    keysecure.put("endpoint", "https://keysecure.example.com");
    keysecure.put(
        "credentials", Map.of("token", "secret-refresh", "domain", "tenant-7", "retry", "15s"));
    keysecure.put("tls", Map.of("ca", ca.toString()));

    String builder =
        PROVIDER.configure(
                KeyStoreConfig.of("keystore.gemalto", Map.of("keysecure", keysecure)))
            .toString();

    assertThat(builder)
        .isEqualTo(
            "GemaltoKeyStore.Builder[endpoint=https://keysecure.example.com,"
                + " refreshToken=[redacted], domain=tenant-7, retryInterval=PT15S,"
                + " customCa=true]");
  }

  @Test
  void missingOrInvalidSettings_areNamed() {
    assertThatThrownBy(
            () -> PROVIDER.configure(KeyStoreConfig.of("keystore.gemalto", Map.of())))
        .hasMessageStartingWith("keystore.gemalto.keysecure: ");
    Map<String, Object> keysecure = new HashMap<>();
    keysecure.put("endpoint", "https://keysecure.example.com");
    keysecure.put("credentials", Map.of("token", "secret-refresh", "retry", "soon"));
    Throwable thrown =
        catchThrowable(
            () ->
                PROVIDER.configure(
                    KeyStoreConfig.of("keystore.gemalto", Map.of("keysecure", keysecure))));
    assertThat(thrown)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.gemalto.keysecure.credentials.retry: ");
    assertThat(thrown.getMessage()).doesNotContain("secret-refresh");
  }
}

package io.kesjava.keystore.fortanix;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

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
 * The {@code keystore.fortanix} section of a KES config file
 * (docs/keystores/fortanix.md#configuration).
 */
class FortanixKeyStoreProviderTest {

  private static final FortanixKeyStoreProvider PROVIDER = new FortanixKeyStoreProvider();

  @TempDir Path dir;

  /** The {@code keystore.fortanix} section of a config file's text. */
  @SuppressWarnings("unchecked")
  static KeyStoreConfig section(String yaml) {
    Map<String, Object> root = new Yaml().load(yaml);
    Map<String, Object> keystore = (Map<String, Object>) root.get("keystore");
    return KeyStoreConfig.of("keystore.fortanix", (Map<String, Object>) keystore.get("fortanix"));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = FortanixKeyStoreProviderTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  @Test
  void theProvider_isFoundByItsName() {
    assertThat(KeyStoreRegistry.load().provider("fortanix"))
        .isInstanceOf(FortanixKeyStoreProvider.class);
  }

  @Test
  void aServerConfig_buildsAStore_thatServesKeysThroughTheFake() throws Exception {
    TestPki pki = new TestPki();
    FakeSdkms sdkms = new FakeSdkms(Clock.systemUTC());
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(pki.serverSocketFactory());
      server.setDispatcher(sdkms);
      server.start();
      String yaml =
          resource("fortanix-config.yaml")
              .replace("FAKE_ENDPOINT", server.url("/").toString())
              .replace("FAKE_API_KEY", FakeSdkms.API_KEY)
              .replace("FAKE_CA", pki.writeCa(dir.resolve("ca.pem")).toString());

      try (KeyStore store = KeyStoreRegistry.load().create("fortanix", section(yaml))) {
        store.create("my-key", "value-1".getBytes(UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
        assertThat(store.description()).startsWith("Fortanix SDKMS: https://");
      }
      assertThat(sdkms.object("my-key").path("group_id").asText())
          .isEqualTo("ce08d547-2a82-411e-ae2d-83655a4b7617");
    }
  }

  @Test
  void theSectionOfKesConfigTemplate_isRead_andItsEmptyEndpointIsReported() throws Exception {
    KeyStoreConfig config = section(resource("server-config.yaml"));

    assertThatThrownBy(() -> new FortanixKeyStoreProvider().create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.fortanix.sdkms.endpoint: invalid fortanix SDKMS keystore: no endpoint"
                + " specified");
  }

  @Test
  void theTemplateWithAnEndpoint_isRead_andItsEmptyApiKeyIsReported() throws Exception {
    String yaml =
        resource("server-config.yaml")
            .replace(
                "endpoint: \"\"   # The Fortanix SDKMS endpoint",
                "endpoint: https://sdkms.fortanix.com   # The Fortanix SDKMS endpoint");

    Throwable thrown = catchThrowable(() -> PROVIDER.configure(section(yaml)));

    assertThat(thrown)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.fortanix.sdkms.credentials.key: invalid fortanix SDKMS keystore: no API key"
                + " specified");
  }

  @Test
  void allSettings_reachTheBuilder_andTheKeyIsNotPrinted() throws Exception {
    Path ca = new TestPki().writeCa(dir.resolve("ca.pem"));
    Map<String, Object> sdkms = new HashMap<>();
    sdkms.put("endpoint", "https://sdkms.example.com/");
    sdkms.put("group_id", "group-1");
    sdkms.put("credentials", Map.of("key", "c2VjcmV0LWtleQ=="));
    sdkms.put("tls", Map.of("ca", ca.toString()));

    String builder =
        PROVIDER.configure(
                KeyStoreConfig.of("keystore.fortanix", Map.of("sdkms", sdkms)))
            .toString();

    assertThat(builder)
        .isEqualTo(
            "FortanixKeyStore.Builder[endpoint=https://sdkms.example.com, groupId=group-1,"
                + " apiKey=[redacted], customCa=true]");
  }

  @Test
  void missingOrInvalidSettings_areNamed() {
    assertThatThrownBy(
            () ->
                PROVIDER.configure(KeyStoreConfig.of("keystore.fortanix", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.fortanix.sdkms: ");
    Map<String, Object> sdkms = new HashMap<>();
    sdkms.put("endpoint", "not a url");
    sdkms.put("credentials", Map.of("key", "c2VjcmV0LWtleQ=="));
    assertThatThrownBy(
            () ->
                PROVIDER.configure(
                    KeyStoreConfig.of("keystore.fortanix", Map.of("sdkms", sdkms))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.fortanix.sdkms.endpoint: ");
    sdkms.put("endpoint", "https://sdkms.example.com");
    sdkms.put("tls", Map.of("ca", dir.resolve("missing.pem").toString()));
    Throwable thrown =
        catchThrowable(
            () ->
                PROVIDER.configure(
                    KeyStoreConfig.of("keystore.fortanix", Map.of("sdkms", sdkms))));
    assertThat(thrown)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.fortanix.sdkms.tls.ca: ");
    assertThat(thrown.getMessage()).doesNotContain("c2VjcmV0LWtleQ==");
  }
}

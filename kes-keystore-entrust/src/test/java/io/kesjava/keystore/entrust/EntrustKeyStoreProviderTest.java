package io.kesjava.keystore.entrust;

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
 * The {@code keystore.entrust} section of a KES config file
 * (docs/keystores/entrust.md#configuration).
 */
class EntrustKeyStoreProviderTest {

  private static final EntrustKeyStoreProvider PROVIDER = new EntrustKeyStoreProvider();

  @TempDir Path dir;

  @SuppressWarnings("unchecked")
  static KeyStoreConfig section(String yaml) {
    Map<String, Object> root = new Yaml().load(yaml);
    Map<String, Object> keystore = (Map<String, Object>) root.get("keystore");
    return KeyStoreConfig.of("keystore.entrust", (Map<String, Object>) keystore.get("entrust"));
  }

  static String resource(String name) throws IOException {
    try (InputStream in = EntrustKeyStoreProviderTest.class.getResourceAsStream("/" + name)) {
      return new String(in.readAllBytes(), UTF_8);
    }
  }

  private static Map<String, Object> complete() {
    Map<String, Object> keycontrol = new HashMap<>();
    keycontrol.put("endpoint", "https://keycontrol.example.com");
    keycontrol.put("vault_id", FakeKeyControl.VAULT_ID);
    keycontrol.put("box_id", "tenant-1");
    keycontrol.put("credentials", Map.of("username", "kes", "password", "secret-password"));
    return keycontrol;
  }

  private static KeyStoreConfig config(Map<String, Object> keycontrol) {
    return KeyStoreConfig.of("keystore.entrust", Map.of("keycontrol", keycontrol));
  }

  @Test
  void theProvider_isFoundByItsName() {
    assertThat(KeyStoreRegistry.load().provider("entrust"))
        .isInstanceOf(EntrustKeyStoreProvider.class);
  }

  @Test
  void aServerConfig_buildsAStore_thatServesKeysThroughTheFake() throws Exception {
    TestPki pki = new TestPki();
    try (MockWebServer server = new MockWebServer()) {
      server.useHttps(pki.serverSocketFactory());
      server.setDispatcher(new FakeKeyControl(Clock.systemUTC()));
      server.start();
      String yaml =
          resource("entrust-config.yaml")
              .replace("FAKE_ENDPOINT", server.url("/").toString())
              .replace("FAKE_PASSWORD", FakeKeyControl.PASSWORD)
              .replace("FAKE_CA", pki.writeCa(dir.resolve("ca.pem")).toString());

      try (KeyStore store = KeyStoreRegistry.load().create("entrust", section(yaml))) {
        store.create("my-key", "value-1".getBytes(UTF_8));
        assertThat(store.get("my-key")).isEqualTo("value-1".getBytes(UTF_8));
        assertThat(store.description()).startsWith("Entrust KeyControl: https://");
      }
    }
  }

  @Test
  void theSectionOfKesConfigTemplate_isRead_andItsEmptyEndpointIsReported() throws Exception {
    KeyStoreConfig config = section(resource("server-config.yaml"));

    assertThatThrownBy(() -> new EntrustKeyStoreProvider().create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.entrust.keycontrol.endpoint: invalid Entrust KeyControl keystore: no endpoint"
                + " specified");
  }

  @Test
  void aMissingCredentialsSection_isAClearConfigError_whereKesCrashes() {
    Map<String, Object> keycontrol = complete();
    keycontrol.remove("credentials");

    assertThatThrownBy(() -> PROVIDER.configure(config(keycontrol)))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage(
            "keystore.entrust.keycontrol.credentials.username: invalid Entrust KeyControl keystore:"
                + " no username specified");
  }

  @Test
  void eachRequiredSetting_isNamedWhenMissing() {
    String[][] cases = {
      {"vault_id", "keystore.entrust.keycontrol.vault_id", "no vault ID specified"},
      {"box_id", "keystore.entrust.keycontrol.box_id", "no box ID specified"},
    };
    for (String[] c : cases) {
      Map<String, Object> keycontrol = complete();
      keycontrol.remove(c[0]);
      assertThatThrownBy(() -> PROVIDER.configure(config(keycontrol)))
          .hasMessage(c[1] + ": invalid Entrust KeyControl keystore: " + c[2]);
    }
    Map<String, Object> noPassword = complete();
    noPassword.put("credentials", Map.of("username", "kes"));
    assertThatThrownBy(() -> PROVIDER.configure(config(noPassword)))
        .hasMessage(
            "keystore.entrust.keycontrol.credentials.password: invalid Entrust KeyControl"
                + " keystore: no password specified");
    assertThatThrownBy(
            () -> PROVIDER.configure(KeyStoreConfig.of("keystore.entrust", Map.of())))
        .hasMessageStartingWith("keystore.entrust.keycontrol: ");
  }

  @Test
  void allSettings_reachTheBuilder_andThePasswordIsNotPrinted() throws Exception {
    Map<String, Object> keycontrol = complete();
    keycontrol.put("tls", Map.of("ca", new TestPki().writeCa(dir.resolve("ca.pem")).toString()));

    String builder = PROVIDER.configure(config(keycontrol)).toString();

    assertThat(builder)
        .isEqualTo(
            "EntrustKeyStore.Builder[endpoint=https://keycontrol.example.com, vaultId="
                + FakeKeyControl.VAULT_ID
                + ", boxId=tenant-1, username=kes, password=[redacted], customCa=true]");
  }

  @Test
  void anUnreadableCa_isNamed_andNoSecretIsPrinted() {
    Map<String, Object> keycontrol = complete();
    keycontrol.put("tls", Map.of("ca", dir.resolve("missing.pem").toString()));

    Throwable thrown = catchThrowable(() -> PROVIDER.configure(config(keycontrol)));

    assertThat(thrown)
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageStartingWith("keystore.entrust.keycontrol.tls.ca: ");
    assertThat(thrown.getMessage()).doesNotContain("secret-password");
  }
}

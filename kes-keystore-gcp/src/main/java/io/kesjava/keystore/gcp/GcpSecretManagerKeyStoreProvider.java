package io.kesjava.keystore.gcp;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreProvider;
import java.util.Objects;

/**
 * The provider named {@code gcp}: reads {@code keystore.gcp.secretmanager} ({@code
 * docs/keystores/gcp.md#configuration}), builds a {@link GcpSecretManagerKeyStore} and checks that
 * Secret Manager answers, as KES does at start.
 *
 * <p>Thread-safety: stateless.
 */
public final class GcpSecretManagerKeyStoreProvider implements KeyStoreProvider {

  /** For {@link java.util.ServiceLoader}. */
  public GcpSecretManagerKeyStoreProvider() {}

  /** {@code gcp}. */
  @Override
  public String name() {
    return "gcp";
  }

  /**
   * Builds the store from the {@code secretmanager} section and probes Secret Manager.
   *
   * @param config the section {@code keystore.gcp}
   * @throws InvalidConfigException if {@code secretmanager} or its project id is missing, only some
   *     of the four credential settings are given, or the private key cannot be read
   * @throws KeyStoreException if Secret Manager cannot be reached, or there are no credentials
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    GcpSecretManagerKeyStoreBuilder builder = configure(config);
    GcpSecretManagerKeyStore store;
    try {
      store = builder.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          config.path() + ".secretmanager.credentials.private_key", e.getMessage());
    }
    try {
      store.status();
    } catch (KeyStoreException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * The builder for {@code keystore.gcp}, validated but not built.
   *
   * @throws InvalidConfigException as {@link #create(KeyStoreConfig)}
   */
  static GcpSecretManagerKeyStoreBuilder configure(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    KeyStoreConfig section =
        config
            .child("secretmanager")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(config, "secretmanager"),
                        "invalid GCP secretmanager keystore: no secretmanager section"));
    String projectId =
        section
            .string("project_id")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(section, "project_id"),
                        "invalid GCP secretmanager keystore: no project ID specified"));
    GcpSecretManagerKeyStoreBuilder builder =
        GcpSecretManagerKeyStore.builder()
            .projectId(projectId)
            .scopes(section.strings("scopes").stream().filter(s -> !s.isEmpty()).toList());
    section.string("endpoint").ifPresent(builder::endpoint);
    try {
      builder.target();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(section, "endpoint"), e.getMessage());
    }
    KeyStoreConfig credentials = section.child("credentials").orElse(null);
    if (credentials != null) {
      String email = credentials.string("client_email").orElse("");
      String clientId = credentials.string("client_id").orElse("");
      String keyId = credentials.secret("private_key_id").orElse("");
      String key = credentials.secret("private_key").orElse("");
      if (!email.isEmpty() || !clientId.isEmpty() || !keyId.isEmpty() || !key.isEmpty()) {
        // KES's messages, in KES's order.
        require(credentials, "client_email", email, "gcp: no client email provided");
        require(credentials, "client_id", clientId, "gcp: no client ID provided");
        require(credentials, "private_key_id", keyId, "gcp: no client private key ID provided");
        require(credentials, "private_key", key, "gcp: no client private key provided");
        builder.serviceAccount(email, clientId, keyId, key);
      }
    }
    return builder;
  }

  private static void require(KeyStoreConfig section, String name, String value, String message) {
    if (value.isEmpty()) {
      throw new InvalidConfigException(key(section, name), message);
    }
  }

  private static String key(KeyStoreConfig section, String key) {
    return section.path().isEmpty() ? key : section.path() + "." + key;
  }
}

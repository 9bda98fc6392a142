package io.kesjava.keystore.azure;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import java.util.Objects;

/**
 * The provider named {@code azure}: reads {@code keystore.azure.keyvault} ({@code
 * docs/keystores/azure.md#configuration}) and builds an {@link AzureKeyVaultKeyStore}. As in KES,
 * nothing goes over the network at start.
 *
 * <p>Beyond KES, {@code purge_on_delete} ({@code on}/{@code off}, default {@code off}) chooses
 * whether deleting a key purges its secret.
 *
 * <p>Thread-safety: stateless.
 */
public final class AzureKeyVaultKeyStoreProvider implements KeyStoreProvider {

  private static final String PREFIX = "invalid Azure keyvault keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public AzureKeyVaultKeyStoreProvider() {}

  /** {@code azure}. */
  @Override
  public String name() {
    return "azure";
  }

  /**
   * Builds the store from the {@code keyvault} section.
   *
   * @param config the section {@code keystore.azure}
   * @throws InvalidConfigException if {@code keyvault} or its endpoint is missing, both
   *     authentication methods are given, or one lacks a field
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    return configure(config).build();
  }

  /**
   * The builder for {@code keystore.azure}, validated but not built.
   *
   * @throws InvalidConfigException as {@link #create(KeyStoreConfig)}
   */
  static AzureKeyVaultKeyStoreBuilder configure(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    KeyStoreConfig section =
        config
            .child("keyvault")
            .orElseThrow(
                () -> new InvalidConfigException(key(config, "keyvault"), PREFIX + "no keyvault section"));
    String endpoint =
        section
            .string("endpoint")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(section, "endpoint"), PREFIX + "no endpoint specified"));
    AzureKeyVaultKeyStoreBuilder builder =
        AzureKeyVaultKeyStore.builder()
            .endpoint(endpoint)
            .purgeOnDelete(section.bool("purge_on_delete", false));
    try {
      builder.endpoint();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(section, "endpoint"), PREFIX + e.getMessage());
    }
    KeyStoreConfig credentials = section.child("credentials").orElse(null);
    KeyStoreConfig managed = section.child("managed_identity").orElse(null);
    if (credentials != null && managed != null) {
      throw new InvalidConfigException(
          key(section, "managed_identity"), PREFIX + "more than one authentication method specified");
    }
    if (credentials != null) {
      builder.clientSecretCredentials(
          require(credentials, "tenant_id", "no tenant ID specified", false),
          require(credentials, "client_id", "no client ID specified", false),
          require(credentials, "client_secret", "no client secret specified", true));
    } else if (managed != null) {
      builder.managedIdentity(require(managed, "client_id", "no client ID specified", false));
    }
    return builder;
  }

  private static String require(
      KeyStoreConfig section, String name, String problem, boolean secret) {
    return (secret ? section.secret(name) : section.string(name))
        .orElseThrow(() -> new InvalidConfigException(key(section, name), PREFIX + problem));
  }

  private static String key(KeyStoreConfig section, String key) {
    return section.path().isEmpty() ? key : section.path() + "." + key;
  }
}

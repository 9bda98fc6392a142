package io.kesjava.keystore.azure;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.BuilderProvider;
import io.kesjava.keystore.common.Settings;
import java.util.Optional;

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
public final class AzureKeyVaultKeyStoreProvider
    extends BuilderProvider<AzureKeyVaultKeyStore.Builder> {

  private static final String PREFIX = "invalid Azure keyvault keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public AzureKeyVaultKeyStoreProvider() {
    super("azure", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds the store from the {@code keyvault} section.
   *
   * @param config the section {@code keystore.azure}
   * @throws InvalidConfigException if {@code keyvault} or its endpoint is missing, both
   *     authentication methods are given, or one lacks a field
   */
  @Override
  protected AzureKeyVaultKeyStore.Builder configure(KeyStoreConfig config) {
    Settings keyvault = Settings.backend(config, "keyvault", PREFIX);
    AzureKeyVaultKeyStore.Builder builder =
        AzureKeyVaultKeyStore.builder()
            .endpoint(keyvault.required("endpoint", PREFIX + "no endpoint specified"))
            .purgeOnDelete(keyvault.config().bool("purge_on_delete", false));
    keyvault.apply("endpoint", PREFIX, builder::vaultUrl);
    Optional<Settings> credentials = keyvault.child("credentials");
    Optional<Settings> managed = keyvault.child("managed_identity");
    if (credentials.isPresent() && managed.isPresent()) {
      throw keyvault.invalid(
          "managed_identity", PREFIX + "more than one authentication method specified");
    }
    credentials.ifPresent(
        c ->
            builder.clientSecretCredentials(
                c.required("tenant_id", PREFIX + "no tenant ID specified"),
                c.required("client_id", PREFIX + "no client ID specified"),
                c.requiredSecret("client_secret", PREFIX + "no client secret specified")));
    managed.ifPresent(
        m -> builder.managedIdentity(m.required("client_id", PREFIX + "no client ID specified")));
    return builder;
  }
}

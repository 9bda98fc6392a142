package io.kesjava.keystore.gcp;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.BuilderProvider;
import io.kesjava.keystore.common.Settings;
import io.kesjava.keystore.common.Stores;
import java.util.Optional;

/**
 * The provider named {@code gcp}: reads {@code keystore.gcp.secretmanager} ({@code
 * docs/keystores/gcp.md#configuration}), builds a {@link GcpSecretManagerKeyStore} and checks that
 * Secret Manager answers, as KES does at start.
 *
 * <p>Thread-safety: stateless.
 */
public final class GcpSecretManagerKeyStoreProvider
    extends BuilderProvider<GcpSecretManagerKeyStore.Builder> {

  private static final String INVALID = "invalid GCP secretmanager keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public GcpSecretManagerKeyStoreProvider() {
    super("gcp", (builder, config) ->
            Stores.probed(
                Settings.of(config)
                    .get("secretmanager.credentials.private_key", "", builder::build)));
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds the store from the {@code secretmanager} section and probes Secret Manager.
   *
   * @param config the section {@code keystore.gcp}
   * @throws InvalidConfigException if {@code secretmanager} or its project id is missing, only some
   *     of the four credential settings are given, or the private key cannot be read
   * @throws KeyStoreException if Secret Manager cannot be reached, or there are no credentials
   */
  @Override
  protected GcpSecretManagerKeyStore.Builder configure(KeyStoreConfig config) {
    Settings section = Settings.backend(config, "secretmanager", INVALID);
    GcpSecretManagerKeyStore.Builder builder =
        GcpSecretManagerKeyStore.builder()
            .projectId(section.required("project_id", INVALID + "no project ID specified"))
            .scopes(
                section.config().strings("scopes").stream().filter(s -> !s.isEmpty()).toList());
    section.string("endpoint").ifPresent(builder::endpoint);
    section.apply("endpoint", "", builder::target);
    Optional<Settings> credentials = section.child("credentials");
    if (credentials.isPresent()) {
      Settings c = credentials.get();
      boolean any =
          c.string("client_email").isPresent()
              || c.string("client_id").isPresent()
              || c.secret("private_key_id").isPresent()
              || c.secret("private_key").isPresent();
      if (any) {
        // KES's messages, in KES's order.
        builder.serviceAccount(
            c.required("client_email", "gcp: no client email provided"),
            c.required("client_id", "gcp: no client ID provided"),
            c.requiredSecret("private_key_id", "gcp: no client private key ID provided"),
            c.requiredSecret("private_key", "gcp: no client private key provided"));
      }
    }
    return builder;
  }
}

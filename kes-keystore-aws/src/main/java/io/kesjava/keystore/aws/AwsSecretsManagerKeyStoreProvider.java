package io.kesjava.keystore.aws;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.BuilderProvider;
import io.kesjava.keystore.common.Settings;
import io.kesjava.keystore.common.Stores;
import java.util.Optional;

/**
 * The provider named {@code aws}: reads {@code keystore.aws.secretsmanager} ({@code
 * docs/keystores/aws.md#configuration}), builds an {@link AwsSecretsManagerKeyStore} and checks
 * that AWS answers, as KES does at start.
 *
 * <p>Thread-safety: stateless.
 */
public final class AwsSecretsManagerKeyStoreProvider
    extends BuilderProvider<AwsSecretsManagerKeyStore.Builder> {

  private static final String INVALID = "invalid AWS secretsmanager keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public AwsSecretsManagerKeyStoreProvider() {
    super("aws", (builder, config) -> Stores.probed(builder.build()));
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds the store from the {@code secretsmanager} section and probes the endpoint.
   *
   * @param config the section {@code keystore.aws}
   * @throws InvalidConfigException if {@code secretsmanager}, its endpoint or region is missing, or
   *     a setting is invalid
   * @throws KeyStoreException if the endpoint does not answer
   */
  @Override
  protected AwsSecretsManagerKeyStore.Builder configure(KeyStoreConfig config) {
    Settings section = Settings.backend(config, "secretsmanager", INVALID);
    AwsSecretsManagerKeyStore.Builder builder =
        AwsSecretsManagerKeyStore.builder()
            .endpoint(section.required("endpoint", INVALID + "no endpoint specified"))
            .region(section.required("region", INVALID + "no region specified"))
            .kmsKey(section.string("kmskey").orElse(""));
    Optional<Settings> credentials = section.child("credentials");
    if (credentials.isPresent()) {
      Settings c = credentials.get();
      String accessKey = c.secret("accesskey").orElse("");
      String secretKey = c.secret("secretkey").orElse("");
      String token = c.secret("token").orElse("");
      if (!accessKey.isEmpty() || !secretKey.isEmpty() || !token.isEmpty()) {
        builder.staticCredentials(
            c.requiredSecret("accesskey", "static credentials need an access key"),
            c.requiredSecret("secretkey", "static credentials need a secret key"),
            token);
      }
    }
    section.apply("endpoint", "", builder::endpointUri);
    return builder;
  }
}

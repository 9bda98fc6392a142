package io.kesjava.keystore.aws;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreProvider;
import java.util.Objects;

/**
 * The provider named {@code aws}: reads {@code keystore.aws.secretsmanager} ({@code
 * docs/keystores/aws.md#configuration}), builds an {@link AwsSecretsManagerKeyStore} and checks
 * that AWS answers, as KES does at start.
 *
 * <p>Thread-safety: stateless.
 */
public final class AwsSecretsManagerKeyStoreProvider implements KeyStoreProvider {

  /** For {@link java.util.ServiceLoader}. */
  public AwsSecretsManagerKeyStoreProvider() {}

  /** {@code aws}. */
  @Override
  public String name() {
    return "aws";
  }

  /**
   * Builds the store from the {@code secretsmanager} section and probes the endpoint.
   *
   * @param config the section {@code keystore.aws}
   * @throws InvalidConfigException if {@code secretsmanager}, its endpoint or region is missing, or
   *     a setting is invalid
   * @throws KeyStoreException if the endpoint does not answer
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    AwsSecretsManagerKeyStore store = configure(config).build();
    try {
      store.status();
    } catch (KeyStoreException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * The builder for {@code keystore.aws}, validated but not built.
   *
   * @throws InvalidConfigException as {@link #create(KeyStoreConfig)}
   */
  static AwsSecretsManagerKeyStoreBuilder configure(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    KeyStoreConfig section =
        config
            .child("secretsmanager")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(config, "secretsmanager"),
                        "invalid AWS secretsmanager keystore: no secretsmanager section"));
    String endpoint =
        section
            .string("endpoint")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(section, "endpoint"),
                        "invalid AWS secretsmanager keystore: no endpoint specified"));
    String region =
        section
            .string("region")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(section, "region"),
                        "invalid AWS secretsmanager keystore: no region specified"));
    AwsSecretsManagerKeyStoreBuilder builder =
        AwsSecretsManagerKeyStore.builder()
            .endpoint(endpoint)
            .region(region)
            .kmsKey(section.string("kmskey").orElse(""));
    KeyStoreConfig credentials = section.child("credentials").orElse(null);
    if (credentials != null) {
      String accessKey = credentials.secret("accesskey").orElse("");
      String secretKey = credentials.secret("secretkey").orElse("");
      String token = credentials.secret("token").orElse("");
      if (!accessKey.isEmpty() || !secretKey.isEmpty() || !token.isEmpty()) {
        if (accessKey.isEmpty()) {
          throw new InvalidConfigException(
              key(credentials, "accesskey"), "static credentials need an access key");
        }
        if (secretKey.isEmpty()) {
          throw new InvalidConfigException(
              key(credentials, "secretkey"), "static credentials need a secret key");
        }
        builder.staticCredentials(accessKey, secretKey, token);
      }
    }
    try {
      builder.endpointUri();
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(section, "endpoint"), e.getMessage());
    }
    return builder;
  }

  private static String key(KeyStoreConfig section, String key) {
    return section.path().isEmpty() ? key : section.path() + "." + key;
  }
}

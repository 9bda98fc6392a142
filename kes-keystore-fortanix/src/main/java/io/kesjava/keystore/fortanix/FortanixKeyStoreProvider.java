package io.kesjava.keystore.fortanix;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.BuilderProvider;

/**
 * The provider named {@code fortanix}: reads {@code keystore.fortanix.sdkms} ({@code
 * docs/keystores/fortanix.md#configuration}) and builds a {@link FortanixKeyStore}.
 *
 * <pre>{@code
 * keystore:
 *   fortanix:
 *     sdkms:
 *       endpoint: https://sdkms.fortanix.com
 *       group_id: ""              # optional: the group new keys go to
 *       credentials:
 *         key: ${SDKMS_API_KEY}   # the application's API key
 *       tls:
 *         ca: ""                  # optional: trust only these CAs
 * }</pre>
 *
 * <p>Thread-safety: stateless.
 */
public final class FortanixKeyStoreProvider extends BuilderProvider<FortanixKeyStore.Builder> {

  private static final String INVALID = "invalid fortanix SDKMS keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public FortanixKeyStoreProvider() {
    super("fortanix", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds and connects the store described by the section's {@code sdkms} child.
   *
   * @param config the section {@code keystore.fortanix}
   * @throws InvalidConfigException if {@code sdkms}, its {@code endpoint} or its {@code
   *     credentials.key} is missing, or a value is invalid
   * @throws io.kesjava.keystore.KeyStoreException if SDKMS cannot be reached or refuses the key
   */
  @Override
  protected FortanixKeyStore.Builder configure(KeyStoreConfig config) {
    return FortanixKeyStore.builder()
        .fromConfig(
            config,
            "sdkms",
            INVALID,
            (builder, sdkms) -> {
              sdkms.string("group_id").ifPresent(builder::groupId);
              builder.apiKey(
                  sdkms.requiredSecret("credentials.key", INVALID + "no API key specified"));
            });
  }
}

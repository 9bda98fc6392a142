package io.kesjava.keystore.gemalto;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.BuilderProvider;
import io.kesjava.keystore.common.Settings;
import java.time.Duration;
import java.util.Optional;

/**
 * The provider named {@code gemalto}: reads {@code keystore.gemalto.keysecure} ({@code
 * docs/keystores/gemalto.md#configuration}) and builds a {@link GemaltoKeyStore}.
 *
 * <pre>{@code
 * keystore:
 *   gemalto:
 *     keysecure:
 *       endpoint: https://127.0.0.1
 *       credentials:
 *         token: ${KEYSECURE_REFRESH_TOKEN}   # the refresh token
 *         domain: ""                          # optional: empty for the root domain
 *         retry: 15s                          # optional: wait after a failed login (default 5s)
 *       tls:
 *         ca: ""                              # optional: trust only these CAs
 * }</pre>
 *
 * <p>{@code credentials.retry} is read (KES v0.22.3 read it; its last version ignores it and waits
 * 5 s). Thread-safety: stateless.
 */
public final class GemaltoKeyStoreProvider extends BuilderProvider<GemaltoKeyStore.Builder> {

  private static final String INVALID = "invalid gemalto keysecure keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public GemaltoKeyStoreProvider() {
    super("gemalto", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds and connects the store described by the section's {@code keysecure} child.
   *
   * @param config the section {@code keystore.gemalto}
   * @throws InvalidConfigException if {@code keysecure}, its {@code endpoint} or its {@code
   *     credentials.token} is missing, or a value is invalid
   * @throws io.kesjava.keystore.KeyStoreException if KeySecure cannot be reached or refuses the
   *     token
   */
  @Override
  protected GemaltoKeyStore.Builder configure(KeyStoreConfig config) {
    return GemaltoKeyStore.builder()
        .fromConfig(
            config,
            "keysecure",
            INVALID,
            (builder, keysecure) -> {
              builder.refreshToken(
                  keysecure.requiredSecret("credentials.token", INVALID + "no token specified"));
              Optional<Settings> credentials = keysecure.child("credentials");
              credentials.flatMap(c -> c.string("domain")).ifPresent(builder::domain);
              credentials.ifPresent(
                  c -> builder.retryInterval(c.config().duration("retry", Duration.ofSeconds(5))));
            });
  }
}

package io.kesjava.keystore.gemalto;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
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
public final class GemaltoKeyStoreProvider implements KeyStoreProvider {

  private static final String INVALID = "invalid gemalto keysecure keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public GemaltoKeyStoreProvider() {}

  /** {@code gemalto}. */
  @Override
  public String name() {
    return "gemalto";
  }

  /**
   * Builds and connects the store described by the section's {@code keysecure} child.
   *
   * @param config the section {@code keystore.gemalto}
   * @throws InvalidConfigException if {@code keysecure}, its {@code endpoint} or its {@code
   *     credentials.token} is missing, or a value is invalid
   * @throws io.kesjava.keystore.KeyStoreException if KeySecure cannot be reached or refuses the
   *     token
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    return builder(config).build();
  }

  /** The builder the section describes, without connecting. */
  static GemaltoKeyStore.Builder builder(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    KeyStoreConfig keysecure =
        config
            .child("keysecure")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(config, "keysecure"), INVALID + "no keysecure section"));
    GemaltoKeyStore.Builder builder = GemaltoKeyStore.builder();
    String endpoint =
        keysecure
            .string("endpoint")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(keysecure, "endpoint"), INVALID + "no endpoint specified"));
    try {
      builder.endpoint(endpoint);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(keysecure, "endpoint"), INVALID + e.getMessage());
    }
    Optional<KeyStoreConfig> credentials = keysecure.child("credentials");
    String token =
        credentials
            .flatMap(c -> c.secret("token"))
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(keysecure, "credentials.token"), INVALID + "no token specified"));
    builder.refreshToken(token);
    credentials.flatMap(c -> c.string("domain")).ifPresent(builder::domain);
    if (credentials.isPresent()) {
      builder.retryInterval(credentials.get().duration("retry", Duration.ofSeconds(5)));
    }
    Optional<String> ca = keysecure.child("tls").flatMap(tls -> tls.string("ca"));
    if (ca.isPresent()) {
      try {
        builder.caCertificates(Path.of(ca.get()));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(key(keysecure, "tls.ca"), INVALID + e.getMessage());
      }
    }
    return builder;
  }

  private static String key(KeyStoreConfig section, String key) {
    return section.path().isEmpty() ? key : section.path() + "." + key;
  }
}

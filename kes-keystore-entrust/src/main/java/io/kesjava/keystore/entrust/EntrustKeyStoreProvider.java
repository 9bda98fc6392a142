package io.kesjava.keystore.entrust;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The provider named {@code entrust}: reads {@code keystore.entrust.keycontrol} ({@code
 * docs/keystores/entrust.md#configuration}) and builds an {@link EntrustKeyStore}.
 *
 * <pre>{@code
 * keystore:
 *   entrust:
 *     keycontrol:
 *       endpoint: https://keycontrol.example.com
 *       vault_id: e30497c1-bff7-4e81-beb7-fb35c4b7410c
 *       box_id: tenant-1
 *       credentials:
 *         username: kes
 *         password: ${KEYCONTROL_PASSWORD}
 *       tls:
 *         ca: ""        # optional: trusted in addition to the system roots
 * }</pre>
 *
 * <p>A missing {@code credentials} section is reported as a missing username (KES crashes on it).
 * Thread-safety: stateless.
 */
public final class EntrustKeyStoreProvider implements KeyStoreProvider {

  private static final String INVALID = "invalid Entrust KeyControl keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public EntrustKeyStoreProvider() {}

  /** {@code entrust}. */
  @Override
  public String name() {
    return "entrust";
  }

  /**
   * Builds and connects the store described by the section's {@code keycontrol} child.
   *
   * @param config the section {@code keystore.entrust}
   * @throws InvalidConfigException if {@code keycontrol} or one of its required settings is
   *     missing, or a value is invalid
   * @throws io.kesjava.keystore.KeyStoreException if KeyControl cannot be reached, refuses the
   *     login or does not know the box
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    return builder(config).build();
  }

  /** The builder the section describes, without connecting. */
  static EntrustKeyStore.Builder builder(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    KeyStoreConfig keycontrol =
        config
            .child("keycontrol")
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(config, "keycontrol"), INVALID + "no keycontrol section"));
    EntrustKeyStore.Builder builder = EntrustKeyStore.builder();
    String endpoint = required(keycontrol, "endpoint", "no endpoint specified");
    try {
      builder.endpoint(endpoint);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(key(keycontrol, "endpoint"), INVALID + e.getMessage());
    }
    builder.vaultId(required(keycontrol, "vault_id", "no vault ID specified"));
    builder.boxId(required(keycontrol, "box_id", "no box ID specified"));
    // KES dereferences the missing section and crashes; here it is a missing username.
    Optional<KeyStoreConfig> credentials = keycontrol.child("credentials");
    builder.username(
        credentials
            .flatMap(c -> c.string("username"))
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(keycontrol, "credentials.username"),
                        INVALID + "no username specified")));
    builder.password(
        credentials
            .flatMap(c -> c.secret("password"))
            .orElseThrow(
                () ->
                    new InvalidConfigException(
                        key(keycontrol, "credentials.password"),
                        INVALID + "no password specified")));
    Optional<String> ca = keycontrol.child("tls").flatMap(tls -> tls.string("ca"));
    if (ca.isPresent()) {
      try {
        builder.caCertificates(Path.of(ca.get()));
      } catch (IllegalArgumentException e) {
        throw new InvalidConfigException(key(keycontrol, "tls.ca"), INVALID + e.getMessage());
      }
    }
    return builder;
  }

  private static String required(KeyStoreConfig section, String name, String problem) {
    return section
        .string(name)
        .orElseThrow(() -> new InvalidConfigException(key(section, name), INVALID + problem));
  }

  private static String key(KeyStoreConfig section, String key) {
    return section.path().isEmpty() ? key : section.path() + "." + key;
  }
}

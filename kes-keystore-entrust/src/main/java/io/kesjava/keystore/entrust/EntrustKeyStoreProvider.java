package io.kesjava.keystore.entrust;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.common.BuilderProvider;

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
public final class EntrustKeyStoreProvider extends BuilderProvider<EntrustKeyStore.Builder> {

  private static final String INVALID = "invalid Entrust KeyControl keystore: ";

  /** For {@link java.util.ServiceLoader}. */
  public EntrustKeyStoreProvider() {
    super("entrust", (builder, config) -> builder.build());
  }

  /**
   * The builder the section describes, validated but not built. {@link #create} builds it:
   * builds and connects the store described by the section's {@code keycontrol} child.
   *
   * @param config the section {@code keystore.entrust}
   * @throws InvalidConfigException if {@code keycontrol} or one of its required settings is
   *     missing, or a value is invalid
   * @throws io.kesjava.keystore.KeyStoreException if KeyControl cannot be reached, refuses the
   *     login or does not know the box
   */
  @Override
  protected EntrustKeyStore.Builder configure(KeyStoreConfig config) {
    return EntrustKeyStore.builder()
        .fromConfig(
            config,
            "keycontrol",
            INVALID,
            (builder, keycontrol) ->
                builder
                    .vaultId(keycontrol.required("vault_id", INVALID + "no vault ID specified"))
                    .boxId(keycontrol.required("box_id", INVALID + "no box ID specified"))
                    // KES crashes on a missing credentials section; here it is a missing username.
                    .username(
                        keycontrol.required(
                            "credentials.username", INVALID + "no username specified"))
                    .password(
                        keycontrol.requiredSecret(
                            "credentials.password", INVALID + "no password specified")));
  }
}

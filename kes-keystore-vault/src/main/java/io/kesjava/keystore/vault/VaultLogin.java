package io.kesjava.keystore.vault;

import java.time.Duration;

/**
 * How the store logs in to Vault: {@link AppRoleLogin} or {@link KubernetesLogin} ({@code
 * docs/keystores/vault.md}).
 *
 * <p>Thread-safety: implementations are immutable.
 *
 * <p>Security: {@code toString()} never shows a credential.
 */
public sealed interface VaultLogin permits AppRoleLogin, KubernetesLogin {

  /** The mount path of the auth method, such as {@code approle}; never empty. */
  String engine();

  /**
   * The namespace of the login call: empty to use the store's namespace, {@code /} for the root
   * namespace, or a namespace path.
   */
  String namespace();

  /** How long the background session waits before it tries a failed login again; positive. */
  Duration retry();
}

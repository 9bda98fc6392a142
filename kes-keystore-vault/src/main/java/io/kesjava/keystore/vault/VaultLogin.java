package io.kesjava.keystore.vault;

import java.time.Duration;
import java.util.Objects;

/**
 * How the store logs in to Vault: {@link AppRoleLogin} or {@link KubernetesLogin} ({@code
 * docs/keystores/vault.md}). Both have, besides their credentials, the auth method's mount path,
 * the namespace of the login call and the wait before a failed background login is tried again.
 *
 * <p>Thread-safety: immutable; the {@code with...} methods of the subclasses return modified
 * copies.
 *
 * <p>Security: {@link #toString()} never shows a credential.
 */
public abstract sealed class VaultLogin permits AppRoleLogin, KubernetesLogin {

  /** Mount path, namespace and retry wait. */
  final LoginTarget target;

  VaultLogin(LoginTarget target) {
    this.target = Objects.requireNonNull(target, "target");
  }

  /** The mount path of the auth method, such as {@code approle}; never empty. */
  public final String engine() {
    return target.engine();
  }

  /**
   * The namespace of the login call: empty to use the store's namespace, {@code /} for the root
   * namespace, or a namespace path.
   */
  public final String namespace() {
    return target.namespace();
  }

  /** How long the background session waits before it tries a failed login again; positive. */
  public final Duration retry() {
    return target.retry();
  }

  /**
   * {@code <AppRoleLogin or KubernetesLogin>[engine=..., namespace=..., <what the method shows of
   * its credentials>]}; never a credential.
   */
  @Override
  public final String toString() {
    return getClass().getSimpleName()
        + "[engine="
        + engine()
        + ", namespace="
        + namespace()
        + ", "
        + credentials()
        + "]";
  }

  /** What {@link #toString()} shows of the credentials: never a secret. */
  abstract String credentials();
}

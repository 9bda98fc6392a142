package io.kesjava.keystore.vault;

import java.time.Duration;

/**
 * Log in with Vault's AppRole auth method: {@code PUT /v1/auth/<engine>/login} with a role ID and a
 * secret ID ({@code docs/keystores/vault.md}).
 *
 * <p>Thread-safety: immutable; the {@code with...} methods return modified copies.
 *
 * <p>Security: the role ID and the secret ID are credentials; {@link #toString()} shows neither and
 * no accessor returns them.
 */
public final class AppRoleLogin implements VaultLogin {

  /** The default mount path, {@code approle}. */
  public static final String DEFAULT_ENGINE = "approle";

  private final LoginTarget target;
  private final String roleId;
  private final String secretId;

  private AppRoleLogin(LoginTarget target, String roleId, String secretId) {
    this.target = target;
    this.roleId = roleId;
    this.secretId = secretId;
  }

  /**
   * An AppRole login on the mount {@code approle}, in the store's namespace.
   *
   * @param roleId the role ID; not empty
   * @param secretId the secret ID; not empty
   * @throws IllegalArgumentException if either is empty
   */
  public static AppRoleLogin of(String roleId, String secretId) {
    LoginTarget.requireText(roleId, "roleId", "no approle ID specified");
    LoginTarget.requireText(secretId, "secretId", "no approle secret specified");
    return new AppRoleLogin(LoginTarget.at(DEFAULT_ENGINE), roleId, secretId);
  }

  /**
   * A copy that logs in on the mount {@code engine} (may contain slashes; empty means {@code
   * approle}).
   */
  public AppRoleLogin withEngine(String engine) {
    return new AppRoleLogin(target.withEngine(engine, DEFAULT_ENGINE), roleId, secretId);
  }

  /**
   * A copy whose login call goes to {@code namespace}: empty for the store's namespace, {@code /}
   * for the root namespace.
   */
  public AppRoleLogin withNamespace(String namespace) {
    return new AppRoleLogin(target.withNamespace(namespace), roleId, secretId);
  }

  /**
   * A copy that waits {@code retry} before trying a failed background login again (default 5 s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public AppRoleLogin withRetry(Duration retry) {
    return new AppRoleLogin(target.withRetry(retry), roleId, secretId);
  }

  @Override
  public String engine() {
    return target.engine();
  }

  @Override
  public String namespace() {
    return target.namespace();
  }

  @Override
  public Duration retry() {
    return target.retry();
  }

  String roleId() {
    return roleId;
  }

  String secretId() {
    return secretId;
  }

  /** Names the mount and namespace; never the role ID or the secret ID. */
  @Override
  public String toString() {
    return "AppRoleLogin[engine="
        + target.engine()
        + ", namespace="
        + target.namespace()
        + ", credentials=redacted]";
  }
}

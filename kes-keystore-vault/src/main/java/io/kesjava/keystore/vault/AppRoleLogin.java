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
public final class AppRoleLogin extends VaultLogin {

  /** The default mount path, {@code approle}. */
  public static final String DEFAULT_ENGINE = "approle";

  private final String roleId;
  private final String secretId;

  private AppRoleLogin(LoginTarget target, String roleId, String secretId) {
    super(target);
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

  String roleId() {
    return roleId;
  }

  String secretId() {
    return secretId;
  }

  /** Neither the role ID nor the secret ID. */
  @Override
  String credentials() {
    return "credentials=redacted";
  }
}

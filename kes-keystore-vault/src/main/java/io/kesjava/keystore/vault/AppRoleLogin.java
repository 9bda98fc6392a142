package io.kesjava.keystore.vault;

import java.time.Duration;
import java.util.Objects;

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

  private final String engine;
  private final String namespace;
  private final String roleId;
  private final String secretId;
  private final Duration retry;

  private AppRoleLogin(
      String engine, String namespace, String roleId, String secretId, Duration retry) {
    this.engine = engine;
    this.namespace = namespace;
    this.roleId = roleId;
    this.secretId = secretId;
    this.retry = retry;
  }

  /**
   * An AppRole login on the mount {@code approle}, in the store's namespace.
   *
   * @param roleId the role ID; not empty
   * @param secretId the secret ID; not empty
   * @throws IllegalArgumentException if either is empty
   */
  public static AppRoleLogin of(String roleId, String secretId) {
    requireText(roleId, "roleId", "no approle ID specified");
    requireText(secretId, "secretId", "no approle secret specified");
    return new AppRoleLogin(DEFAULT_ENGINE, "", roleId, secretId, Duration.ofSeconds(5));
  }

  /**
   * A copy that logs in on the mount {@code engine} (may contain slashes; empty means {@code
   * approle}).
   */
  public AppRoleLogin withEngine(String engine) {
    Objects.requireNonNull(engine, "engine");
    String e = engine.isEmpty() ? DEFAULT_ENGINE : engine;
    return new AppRoleLogin(e, namespace, roleId, secretId, retry);
  }

  /**
   * A copy whose login call goes to {@code namespace}: empty for the store's namespace, {@code /}
   * for the root namespace.
   */
  public AppRoleLogin withNamespace(String namespace) {
    Objects.requireNonNull(namespace, "namespace");
    return new AppRoleLogin(engine, namespace, roleId, secretId, retry);
  }

  /**
   * A copy that waits {@code retry} before trying a failed background login again (default 5 s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public AppRoleLogin withRetry(Duration retry) {
    return new AppRoleLogin(engine, namespace, roleId, secretId, requirePositive(retry));
  }

  @Override
  public String engine() {
    return engine;
  }

  @Override
  public String namespace() {
    return namespace;
  }

  @Override
  public Duration retry() {
    return retry;
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
    return "AppRoleLogin[engine=" + engine + ", namespace=" + namespace + ", credentials=redacted]";
  }

  static void requireText(String value, String name, String problem) {
    Objects.requireNonNull(value, name);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(problem);
    }
  }

  static Duration requirePositive(Duration retry) {
    Objects.requireNonNull(retry, "retry");
    if (retry.isNegative() || retry.isZero()) {
      throw new IllegalArgumentException("retry must be positive: " + retry);
    }
    return retry;
  }
}

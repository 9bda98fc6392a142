package io.kesjava.keystore.vault;

import io.kesjava.keystore.KeyStoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Log in with Vault's Kubernetes auth method: {@code PUT /v1/auth/<engine>/login} with a role and a
 * service-account JWT ({@code docs/keystores/vault.md}). The JWT is given inline or as a file,
 * which is read again at every login so that a rotated token is picked up.
 *
 * <p>Thread-safety: immutable; the {@code with...} methods return modified copies.
 *
 * <p>Security: the JWT is a credential; {@link #toString()} shows at most its file name.
 */
public final class KubernetesLogin extends VaultLogin {

  /** The default mount path, {@code kubernetes}. */
  public static final String DEFAULT_ENGINE = "kubernetes";

  private final String role;
  private final String jwt; // empty when read from jwtFile
  private final Path jwtFile; // null when inline

  private KubernetesLogin(LoginTarget target, String role, String jwt, Path jwtFile) {
    super(target);
    this.role = role;
    this.jwt = jwt;
    this.jwtFile = jwtFile;
  }

  /**
   * A login as {@code role} with an inline JWT.
   *
   * @param role the Vault role; may be empty (Vault then rejects the login)
   * @param jwt the service-account token; not empty
   * @throws IllegalArgumentException if the JWT is empty
   */
  public static KubernetesLogin of(String role, String jwt) {
    Objects.requireNonNull(role, "role");
    LoginTarget.requireText(jwt, "jwt", "no JWT specified");
    return new KubernetesLogin(LoginTarget.at(DEFAULT_ENGINE), role, jwt, null);
  }

  /**
   * A login as {@code role} with the JWT in {@code jwtFile}, read at every login and sent verbatim
   * (not trimmed), as KES does.
   *
   * @param role the Vault role; may be empty (Vault then rejects the login)
   * @param jwtFile the file holding the service-account token, such as {@code
   *     /var/run/secrets/kubernetes.io/serviceaccount/token}
   */
  public static KubernetesLogin fromFile(String role, Path jwtFile) {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(jwtFile, "jwtFile");
    return new KubernetesLogin(LoginTarget.at(DEFAULT_ENGINE), role, "", jwtFile);
  }

  /** A copy that logs in on the mount {@code engine} (empty means {@code kubernetes}). */
  public KubernetesLogin withEngine(String engine) {
    return new KubernetesLogin(target.withEngine(engine, DEFAULT_ENGINE), role, jwt, jwtFile);
  }

  /**
   * A copy whose login call goes to {@code namespace}: empty for the store's namespace, {@code /}
   * for the root namespace.
   */
  public KubernetesLogin withNamespace(String namespace) {
    return new KubernetesLogin(target.withNamespace(namespace), role, jwt, jwtFile);
  }

  /**
   * A copy that waits {@code retry} before trying a failed background login again (default 5 s).
   *
   * @throws IllegalArgumentException if not positive
   */
  public KubernetesLogin withRetry(Duration retry) {
    return new KubernetesLogin(target.withRetry(retry), role, jwt, jwtFile);
  }

  /** The Vault role to log in as. */
  public String role() {
    return role;
  }

  /** The file the JWT is read from at every login, or empty when the JWT is inline. */
  public Optional<Path> jwtFile() {
    return Optional.ofNullable(jwtFile);
  }

  /**
   * The JWT to send now: the inline value, or the file's current content.
   *
   * @throws KeyStoreException if the file cannot be read
   */
  String jwt() {
    if (jwtFile == null) {
      return jwt;
    }
    try {
      return Files.readString(jwtFile);
    } catch (IOException | RuntimeException e) {
      throw new KeyStoreException(
          "vault: failed to read kubernetes JWT from '" + jwtFile + "': " + e, e);
    }
  }

  /** The role and the JWT file; never the JWT. */
  @Override
  String credentials() {
    return "role=" + role + ", jwt=" + (jwtFile == null ? "redacted" : "file " + jwtFile);
  }
}

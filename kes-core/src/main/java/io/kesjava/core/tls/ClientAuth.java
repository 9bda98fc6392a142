package io.kesjava.core.tls;

import java.util.Objects;
import javax.net.ssl.SSLParameters;

/**
 * How a KES server treats client certificates in the TLS handshake ({@code
 * docs/http-api.md#conventions}, {@code docs/configuration.md#tls}). KES pins identities by the
 * hash of the certificate's public key, so by default any certificate is accepted and only its key
 * matters.
 *
 * <p>Thread-safety: immutable.
 */
public enum ClientAuth {

  /** A certificate is required; any chain is accepted ({@code tls.auth: off}, the default). */
  REQUIRE_ANY(true, false),

  /** A certificate is required and its chain must verify against the trusted CAs ({@code tls.auth: on}). */
  REQUIRE_AND_VERIFY(true, true),

  /**
   * A certificate is requested but not required, and any chain is accepted ({@code tls.auth: off}
   * with {@code skip_auth} on some route).
   */
  REQUEST(false, false),

  /**
   * A certificate is requested but not required; a given chain must verify ({@code tls.auth: on}
   * with {@code skip_auth} on some route).
   */
  VERIFY_IF_GIVEN(false, true);

  private final boolean required;
  private final boolean verified;

  ClientAuth(boolean required, boolean verified) {
    this.required = required;
    this.verified = verified;
  }

  /**
   * The mode for a {@code tls.auth} setting and the {@code skip_auth} downgrade ({@code
   * docs/configuration.md#api}).
   *
   * @param verify whether client chains must verify ({@code tls.auth: on})
   * @param onlyRequest whether some route skips authentication, so that the handshake must not
   *     require a certificate
   */
  public static ClientAuth of(boolean verify, boolean onlyRequest) {
    if (verify) {
      return onlyRequest ? VERIFY_IF_GIVEN : REQUIRE_AND_VERIFY;
    }
    return onlyRequest ? REQUEST : REQUIRE_ANY;
  }

  /** Whether the handshake fails without a client certificate. */
  public boolean requiresCertificate() {
    return required;
  }

  /** Whether a presented client chain must verify against the trusted CAs. */
  public boolean verifiesChain() {
    return verified;
  }

  /**
   * Sets {@code need}/{@code wantClientAuth} on {@code parameters} for this mode. The chain check
   * itself is done by the trust manager of the context that {@link Tls#serverContext()} builds.
   *
   * @param parameters the parameters to change; not {@code null}
   * @return {@code parameters}, for chaining
   */
  public SSLParameters apply(SSLParameters parameters) {
    Objects.requireNonNull(parameters, "parameters");
    if (required) {
      parameters.setNeedClientAuth(true);
    } else {
      parameters.setWantClientAuth(true);
    }
    return parameters;
  }
}

package io.kesjava.core.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * Builds {@link SSLContext}s for KES servers and clients. Every engine, socket and default
 * parameter set of these contexts allows TLS 1.3 and 1.2 only ({@code
 * docs/http-api.md#conventions}); server contexts also carry their {@link ClientAuth} mode in their
 * default parameters and engines.
 *
 * <pre>{@code
 * SSLContext server = Tls.serverContext()
 *     .credential(new CertifiedKey(Pem.readPrivateKey(key, password), Pem.readCertificates(cert)))
 *     .clientAuth(ClientAuth.REQUIRE_ANY)
 *     .build();
 * }</pre>
 *
 * <p>Thread-safety: builders are not thread-safe; the contexts are.
 */
public final class Tls {

  /** The protocols every context allows, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private Tls() {}

  /** A builder for a server context. */
  public static ServerBuilder serverContext() {
    return new ServerBuilder();
  }

  /** A builder for a client context. */
  public static ClientBuilder clientContext() {
    return new ClientBuilder();
  }

  private static SSLContext context(KeyManager[] km, TrustManager[] tm, Hardening hardening) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(km, tm, new SecureRandom());
      return new HardenedContext(context, hardening);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available: " + e.getMessage(), e);
    }
  }

  /**
   * Builds a server {@link SSLContext}: the server's key and chain, and how client certificates are
   * treated.
   */
  public static final class ServerBuilder {
    private CertifiedKey credential;
    private ClientAuth clientAuth = ClientAuth.REQUIRE_ANY;
    private final List<X509Certificate> clientCas = new ArrayList<>();
    private boolean systemRoots = true;

    private ServerBuilder() {}

    /** The server's private key and certificate chain (required). */
    public ServerBuilder credential(CertifiedKey credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /** How client certificates are treated; default {@link ClientAuth#REQUIRE_ANY}. */
    public ServerBuilder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /**
     * Adds CA certificates that client chains may verify against ({@code tls.ca}); used only by the
     * verifying modes.
     */
    public ServerBuilder clientCas(Collection<X509Certificate> certificates) {
      Objects.requireNonNull(certificates, "certificates").forEach(c -> clientCas.add(Objects.requireNonNull(c)));
      return this;
    }

    /** Whether client chains may also verify against the JDK's system roots; default {@code true}, as KES. */
    public ServerBuilder systemRoots(boolean systemRoots) {
      this.systemRoots = systemRoots;
      return this;
    }

    /**
     * Builds the context.
     *
     * @throws IllegalStateException if no credential is set
     * @throws IllegalArgumentException {@code invalid TLS certificate: certificate does not contain
     *     any DNS or IP address as SAN} if the leaf has no such SAN ({@code
     *     docs/configuration.md#when-things-are-checked})
     */
    public SSLContext build() {
      if (credential == null) {
        throw new IllegalStateException("no server credential: set the private key and certificate");
      }
      requireSan(credential.certificate());
      TrustManager[] trust =
          clientAuth.verifiesChain()
              ? TrustManagers.pkix(clientCas, systemRoots)
              : new TrustManager[] {new AcceptAnyTrustManager(true)};
      return context(new KeyManager[] {new SingleKeyManager(credential)}, trust, new Hardening(clientAuth));
    }

    private static void requireSan(X509Certificate leaf) {
      try {
        Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
        if (sans != null) {
          for (List<?> san : sans) {
            int type = (Integer) san.get(0);
            if (type == 2 || type == 7) { // dNSName, iPAddress
              return;
            }
          }
        }
      } catch (CertificateParsingException e) {
        throw new IllegalArgumentException("invalid TLS certificate: malformed subject alternative names");
      }
      throw new IllegalArgumentException(
          "invalid TLS certificate: certificate does not contain any DNS or IP address as SAN");
    }
  }

  /**
   * Builds a client {@link SSLContext}: an optional client key and chain (from files or an API key),
   * and which servers to trust.
   */
  public static final class ClientBuilder {
    private CertifiedKey credential;
    private final List<X509Certificate> trusted = new ArrayList<>();
    private boolean systemRoots = true;
    private boolean trustAnyServer;

    private ClientBuilder() {}

    /** The client's private key and certificate chain, presented when the server asks. */
    public ClientBuilder credential(CertifiedKey credential) {
      this.credential = Objects.requireNonNull(credential, "credential");
      return this;
    }

    /** Adds CA (or self-signed server) certificates to trust. */
    public ClientBuilder trustedCertificates(Collection<X509Certificate> certificates) {
      Objects.requireNonNull(certificates, "certificates").forEach(c -> trusted.add(Objects.requireNonNull(c)));
      return this;
    }

    /** Whether to trust the JDK's system roots as well; default {@code true}. */
    public ClientBuilder systemRoots(boolean systemRoots) {
      this.systemRoots = systemRoots;
      return this;
    }

    /**
     * Trusts every server certificate, as the {@code kes} CLI's {@code -k/--insecure}. Anyone on the
     * network path can then read and change the traffic: for development only.
     */
    public ClientBuilder insecureTrustAnyServer() {
      this.trustAnyServer = true;
      return this;
    }

    /**
     * Builds the context. Host names are not checked by an {@link SSLContext}; the HTTP client does
     * that.
     *
     * @throws IllegalArgumentException if no certificate would be trusted
     */
    public SSLContext build() {
      KeyManager[] km = credential == null ? null : new KeyManager[] {new SingleKeyManager(credential)};
      TrustManager[] trust =
          trustAnyServer
              ? new TrustManager[] {new AcceptAnyTrustManager(false)}
              : TrustManagers.pkix(trusted, systemRoots);
      return context(km, trust, new Hardening(null));
    }
  }
}

package io.kesjava.server;

import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.Tls;
import io.kesjava.server.config.TlsConfig;
import io.kesjava.server.http.ForwardedCertificate;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The server's TLS material from {@code tls.key}, {@code tls.cert}, {@code tls.password} and {@code
 * tls.ca}, re-read from disk every 15 minutes and on SIGHUP ({@code docs/http-api.md#conventions},
 * {@code docs/configuration.md#reloading}). The server is given {@link #context()}, one {@link
 * SSLContext} for its whole life; each new connection gets its engine from the context built from
 * the files last read without error. Connections already open keep the material they were opened
 * with. A failed re-read keeps the old material and logs {@code Failed to reload TLS configuration:
 * <reason>}.
 *
 * <p>The swap is of a whole context built by {@link Tls#serverContext()}, rather than of the key
 * and trust managers inside one context: it reuses the core's checks (SAN, key and chain match,
 * protocols, the client-auth trust managers) without copying them, and a new context also starts a
 * new session cache, so that no session resumed after a CA change skips the new chain check.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class ServerTls {

  /** How often the files are re-read ({@code docs/http-api.md#conventions}). */
  static final Duration REFRESH = Duration.ofMinutes(15);

  /** Runs a task periodically; injected so that tests trigger refreshes themselves. */
  @FunctionalInterface
  interface Timer {
    /**
     * Runs {@code task} every {@code period}, first after one period.
     *
     * @return closing it stops the task
     */
    AutoCloseable every(Duration period, Runnable task);

    /** A daemon thread. */
    static Timer system() {
      return (period, task) -> {
        ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "kes-tls-refresh");
                  t.setDaemon(true);
                  return t;
                });
        timer.scheduleAtFixedRate(task, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return timer::shutdownNow;
      };
    }
  }

  private final ClientAuth clientAuth;
  private final Switchable context;
  private TlsConfig tls;
  private volatile Predicate<X509Certificate> forwardedTrust;

  /**
   * Reads the files of {@code tls} a first time.
   *
   * @param clientAuth how the handshake treats client certificates; fixed for the server's life
   * @throws KesServerException with the reason
   */
  ServerTls(TlsConfig tls, ClientAuth clientAuth) {
    this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
    this.tls = tls;
    this.context = Switchable.of(load(tls));
    this.forwardedTrust = forwardedTrust(tls);
  }

  /**
   * Whether a certificate forwarded by a TLS proxy may be used: with {@code tls.auth: on} it must
   * verify against the current CA set, the handshake's ({@code docs/http-api.md#conventions}).
   */
  boolean trustsForwarded(X509Certificate certificate) {
    return forwardedTrust.test(certificate);
  }

  /**
   * The check of forwarded certificates for {@code tls}.
   *
   * @throws KesServerException if the CA files cannot be read
   */
  Predicate<X509Certificate> forwardedTrust(TlsConfig tls) {
    if (!clientAuth.verifiesChain()) {
      return c -> true;
    }
    try {
      return ForwardedCertificate.verifier(cas(tls), true);
    } catch (IllegalStateException e) {
      throw new KesServerException(e.getMessage(), e);
    }
  }

  /** The context to give the server: it always creates engines from the current material. */
  SSLContext context() {
    return context;
  }

  /**
   * Reads the files of {@code tls} into a new context, with the running client-auth mode; does not
   * use it yet.
   *
   * @throws KesServerException with the reason
   */
  SSLContext load(TlsConfig tls) {
    return serverContext(tls, clientAuth);
  }

  /** Uses {@code loaded}, read from {@code tls} by {@link #load}, for new connections from now on. */
  synchronized void use(TlsConfig tls, SSLContext loaded, Predicate<X509Certificate> forwarded) {
    this.tls = Objects.requireNonNull(tls, "tls");
    context.set(Objects.requireNonNull(loaded, "loaded"));
    this.forwardedTrust = Objects.requireNonNull(forwarded, "forwarded");
  }

  /**
   * Re-reads the files of the current {@code tls} section, as the timer does.
   *
   * @param errors told {@code Failed to reload TLS configuration: <reason>} when that fails
   * @return whether the material was read and is in use
   */
  synchronized boolean refresh(Consumer<String> errors) {
    try {
      SSLContext loaded = load(tls);
      Predicate<X509Certificate> forwarded = forwardedTrust(tls);
      context.set(loaded);
      this.forwardedTrust = forwarded;
      return true;
    } catch (KesServerException | IllegalStateException e) {
      errors.accept("Failed to reload TLS configuration: " + e.getMessage());
      return false;
    }
  }

  /**
   * A server context from the files of {@code tls} ({@code
   * docs/configuration.md#when-things-are-checked}).
   *
   * @throws KesServerException with KES's message
   */
  static SSLContext serverContext(TlsConfig tls, ClientAuth clientAuth) {
    PrivateKey key;
    char[] password = tls.password().chars();
    try {
      key = Pem.readPrivateKey(tls.privateKey(), password);
    } catch (UncheckedIOException e) {
      throw new KesServerException("failed to read TLS private key: open " + tls.privateKey() + ": " + IoMessages.of(e), e);
    } catch (IllegalArgumentException e) {
      throw new KesServerException("failed to read TLS private key: " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
    List<X509Certificate> chain;
    try {
      chain = Pem.readCertificates(tls.certificate());
    } catch (UncheckedIOException e) {
      throw new KesServerException("failed to read TLS certificate: open " + tls.certificate() + ": " + IoMessages.of(e), e);
    } catch (IllegalArgumentException e) {
      throw new KesServerException("failed to read TLS certificate: " + e.getMessage(), e);
    }
    CertifiedKey credential;
    try {
      credential = new CertifiedKey(key, chain);
    } catch (IllegalArgumentException e) {
      throw new KesServerException("invalid TLS certificate: " + e.getMessage(), e);
    }
    List<X509Certificate> cas = cas(tls);
    try {
      return Tls.serverContext().credential(credential).clientAuth(clientAuth).clientCas(cas).build();
    } catch (IllegalArgumentException e) {
      throw new KesServerException(e.getMessage(), e);
    }
  }

  private static List<X509Certificate> cas(TlsConfig tls) {
    if (tls.ca().isEmpty()) {
      return List.of();
    }
    try {
      return Pem.readCaCertificates(tls.ca().get());
    } catch (UncheckedIOException e) {
      throw new KesServerException("failed to read TLS CA certificates: " + tls.ca().get() + ": " + IoMessages.of(e), e);
    } catch (IllegalArgumentException e) {
      throw new KesServerException("failed to read TLS CA certificates: " + e.getMessage(), e);
    }
  }

  /** An initialized context that hands every call to the context it currently holds. */
  private static final class Switchable extends SSLContext {
    private final Spi spi;

    private Switchable(Spi spi, SSLContext first) {
      super(spi, first.getProvider(), first.getProtocol());
      this.spi = spi;
    }

    static Switchable of(SSLContext first) {
      return new Switchable(new Spi(first), first);
    }

    void set(SSLContext next) {
      spi.current = next;
    }
  }

  private static final class Spi extends SSLContextSpi {
    private volatile SSLContext current;

    Spi(SSLContext first) {
      this.current = first;
    }

    private SSLContext current() {
      return current;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) {
      throw new IllegalStateException("this SSLContext is initialized already");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return current().getSocketFactory();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return current().getServerSocketFactory();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return current().createSSLEngine();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return current().createSSLEngine(host, port);
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return current().getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return current().getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return current().getDefaultSSLParameters();
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return current().getSupportedSSLParameters();
    }
  }
}

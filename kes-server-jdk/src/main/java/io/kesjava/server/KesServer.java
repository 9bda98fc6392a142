package io.kesjava.server;

import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.server.http.ApiConfig;
import io.kesjava.server.http.Backend;
import io.kesjava.server.http.HttpApi;
import io.kesjava.server.http.HttpLimits;
import io.kesjava.server.http.HttpsListener;
import io.kesjava.server.http.TlsPolicy;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * The KES server: the KES HTTP API (docs/http-api.md) over HTTPS, in front of a {@link
 * KesEngine}, on its own strict HTTP/1.1 connection layer ({@link HttpsListener}).
 *
 * <pre>{@code
 * try (KesServer server = KesServer.builder()
 *     .address(new InetSocketAddress("0.0.0.0", 7373))
 *     .sslContext(sslContext)
 *     .engine(engine)
 *     .build()
 *     .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Each connection runs on a virtual thread on Java 21 and newer, else on a thread of a bounded
 * pool (1,024 threads), which then also bounds the open connections. Request heads must arrive
 * within the header timeout (5 s, the TLS handshake included); bodies and handling are bounded by
 * each route's timeout; idle keep-alive connections close after 90 s (docs/hardening.md). The
 * server sets no JVM-wide property.
 *
 * <p>To run a server from a KES config file, as {@code kes server} does, see {@link
 * ConfiguredServer}.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #start()} once, {@link #close()} any time.
 * Immutable once built: changing the builder afterwards changes no server.
 */
public final class KesServer implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(KesServer.class.getName());

  private final InetSocketAddress bindAddress;
  private final SSLContext sslContext;
  private final ClientAuth clientAuth;
  private final HttpLimits limits;
  private final Duration drainTimeout;
  private final Clock clock;
  private final AuditLog auditLog;
  private final ErrorLog errorLog;
  private final HttpApi api;
  private HttpsListener listener;
  private boolean closed;

  /** Takes what it needs from {@code b}: a later change of the builder changes no server. */
  private KesServer(Builder b) {
    this.bindAddress = b.address;
    this.sslContext = b.sslContext;
    this.clientAuth = b.clientAuth;
    this.limits = b.limits;
    this.drainTimeout = b.drainTimeout;
    this.clock = b.clock;
    this.auditLog = new AuditLog(auditOut(b.auditToStdout, b.auditLevel));
    this.errorLog = new ErrorLog(b.errorToStderr ? System.err : null, b.errorLevel);
    this.api = new HttpApi(new ApiConfig(
        Backend.of(b.engine),
        b.apiSettings,
        b.proxyIdentities,
        b.proxyCertHeader,
        b.version,
        b.clock,
        auditLog,
        auditLog::publish,
        errorLog,
        errorLog::publish,
        b.streamHeartbeat,
        b.maxStreamSubscribers,
        b.forwardedTrust));
  }

  /** Returns a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds the address and starts serving.
   *
   * @return this server
   * @throws UncheckedIOException if the address cannot be bound
   * @throws IllegalStateException if already started
   */
  public synchronized KesServer start() {
    if (listener != null || closed) {
      throw new IllegalStateException("already started");
    }
    listener = HttpsListener.start(bindAddress, sslContext,
        TlsPolicy.parameters(sslContext, clientAuth), api, limits,
        ServerTuning.executor(limits.maxConnections()));
    LOG.log(System.Logger.Level.INFO, "KES server listening on " + address()
        + (ServerTuning.VIRTUAL ? "" : " (Java " + Runtime.version().feature() + ": at most "
            + limits.maxConnections() + " connections at once, each on a pooled thread; Java 21"
            + " or newer serves each on a virtual thread, see docs/hardening.md)"));
    return this;
  }

  /** The bound address; the real port when the builder's port was 0. */
  public synchronized InetSocketAddress address() {
    if (listener == null) {
      throw new IllegalStateException("not started");
    }
    return listener.address();
  }

  /** The audit log: subscribe to see one event per request. */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** The error log: subscribe to see failures. */
  public ErrorLog errorLog() {
    return errorLog;
  }

  private static java.io.PrintStream auditOut(boolean toStdout, int level) {
    return toStdout && level <= ErrorEvent.INFO ? System.out : null;
  }

  /**
   * Replaces the per-route settings (the {@code api} section of the config file), as a config
   * reload does; see {@link
   * Builder#apiSettings(Map)}. The TLS handshake mode stays as it was built: a change of it that
   * {@code skip_auth} implies needs a restart.
   */
  public void updateApiSettings(Map<String, RouteSettings> apiSettings) {
    api.updateSettings(Map.copyOf(apiSettings));
  }

  /**
   * Changes the audit and error log settings, as a config reload does; the arguments mean what
   * they mean for {@link Builder#auditLog(boolean, int)} and {@link Builder#errorLog(boolean, int)}.
   * Log streams stay open.
   */
  public void updateLogs(boolean auditToStdout, int auditLevel, boolean errorToStderr,
      int errorLevel) {
    auditLog.update(auditOut(auditToStdout, auditLevel));
    errorLog.update(errorToStderr ? System.err : null, errorLevel);
  }

  /**
   * Logs a record that is not about a request to the error log, such as a failed config reload.
   *
   * @param level the {@code log/slog} level, such as {@link ErrorEvent#ERROR}
   * @param message what happened; never key material or credentials
   */
  public void log(int level, String message) {
    errorLog.publish(ErrorEvent.of(clock.instant(), level, Objects.requireNonNull(message, "message")));
  }

  /**
   * Stops accepting connections, ends the log streams, waits up to the drain timeout for requests
   * in flight, then stops. Does not close the engine. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    api.close();
    if (listener != null) {
      listener.close(drainTimeout);
    }
  }

  /** Builds a {@link KesServer}. Not thread-safe; {@link #build()} checks everything. */
  public static final class Builder {
    private InetSocketAddress address = new InetSocketAddress(7373);
    private SSLContext sslContext;
    private ClientAuth clientAuth = ClientAuth.REQUIRE_ANY;
    private KesEngine engine;
    private Map<String, RouteSettings> apiSettings = Map.of();
    private Set<String> proxyIdentities = Set.of();
    private String proxyCertHeader = "X-Tls-Client-Cert";
    private boolean auditToStdout;
    private int auditLevel = ErrorEvent.INFO;
    private boolean errorToStderr = true;
    private int errorLevel = ErrorEvent.INFO;
    private String version = "<unknown>";
    private Duration drainTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemDefaultZone();
    private Duration streamHeartbeat = ApiConfig.DEFAULT_STREAM_HEARTBEAT;
    private int maxStreamSubscribers = ServerTuning.maxLogSubscribers();
    private Predicate<X509Certificate> forwardedTrust = c -> true;
    private HttpLimits limits =
        HttpLimits.DEFAULT.withMaxConnections(ServerTuning.maxConnections());

    private Builder() {}

    /**
     * The header timeout (from an accepted connection, its TLS handshake included, or from the
     * first byte of a later request, to the end of the request head; default 5 seconds) and the
     * idle timeout of keep-alive connections (default 90 seconds). A connection that passes
     * either is closed. Route timeouts, which bound reading the body and the handling, are set
     * per route with {@link #apiSettings(Map)}.
     *
     * @throws IllegalArgumentException if either is not positive
     */
    public Builder timeouts(Duration header, Duration idle) {
      this.limits = limits.withTimeouts(header, idle);
      return this;
    }

    /**
     * The most connections open at once (default 10,000 with virtual threads; on Java 17 1,024,
     * the size of the thread pool, which this also sets). Further connections wait in the
     * kernel's accept queue until one ends.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxConnections(int max) {
      this.limits = limits.withMaxConnections(max);
      return this;
    }

    /**
     * How long a log stream may be silent before an empty line goes out, to notice a closed
     * connection (default 10 seconds), and the most subscribers of each log stream at once
     * (default 32 on Java 21 and newer and on Java 17). Beyond the
     * limit, subscribers are answered 429.
     *
     * @throws IllegalArgumentException if either is not positive
     */
    public Builder logStreams(Duration heartbeat, int maxSubscribers) {
      Objects.requireNonNull(heartbeat, "heartbeat");
      if (heartbeat.isNegative() || heartbeat.isZero() || maxSubscribers < 1) {
        throw new IllegalArgumentException("heartbeat and subscriber limit must be positive");
      }
      this.streamHeartbeat = heartbeat;
      this.maxStreamSubscribers = maxSubscribers;
      return this;
    }

    /** The address to listen on; default {@code 0.0.0.0:7373}; port 0 picks a free port. */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The server's TLS context (required): its certificate, and the trust for client chains. */
    public Builder sslContext(SSLContext sslContext) {
      this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
      return this;
    }

    /** How the handshake treats client certificates; default {@link ClientAuth#REQUIRE_ANY}. */
    public Builder clientAuth(ClientAuth clientAuth) {
      this.clientAuth = Objects.requireNonNull(clientAuth, "clientAuth");
      return this;
    }

    /** The engine that serves the requests (required). The server does not close it. */
    public Builder engine(KesEngine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** Per-route overrides keyed by route path, such as {@code /v1/ready}; default none. */
    public Builder apiSettings(Map<String, RouteSettings> apiSettings) {
      this.apiSettings = Map.copyOf(apiSettings);
      return this;
    }

    /**
     * Trusted TLS proxies: a request from one of these identities is made by the identity of the
     * certificate it forwards in {@code certHeader} (URL-query-escaped PEM); from anyone else the
     * header is ignored. Default: none.
     */
    public Builder tlsProxy(Set<String> identities, String certHeader) {
      this.proxyIdentities = Set.copyOf(identities);
      this.proxyCertHeader = Objects.requireNonNull(certHeader, "certHeader");
      return this;
    }

    /**
     * Whether a certificate forwarded by a TLS proxy may be used. With {@code tls.auth: on} it must
     * verify against the same CA set as the handshake's (docs/configuration.md; see {@link
     * io.kesjava.server.http.ForwardedCertificate#verifier}); if not, the request is answered 403.
     * Called for each proxied request; must be thread-safe. Default: every certificate passes.
     */
    public Builder forwardedCertificateTrust(Predicate<X509Certificate> trusted) {
      this.forwardedTrust = Objects.requireNonNull(trusted, "trusted");
      return this;
    }

    /**
     * Whether audit events also go to standard output as text lines, and the audit level ({@code
     * log.audit}, docs/configuration.md): above INFO (0) nothing goes to standard output.
     * Subscribers always get every event. Default: not to standard output.
     */
    public Builder auditLog(boolean toStdout, int level) {
      this.auditToStdout = toStdout;
      this.auditLevel = level;
      return this;
    }

    /**
     * Whether error-log records go to standard error, and the lowest level logged, to standard
     * error and to subscribers alike. Default: to standard error, INFO (0).
     */
    public Builder errorLog(boolean toStderr, int level) {
      this.errorToStderr = toStderr;
      this.errorLevel = level;
      return this;
    }

    /** The version {@code /version} and {@code /v1/status} report; default {@code <unknown>}. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** How long {@link KesServer#close()} waits for requests in flight; default 5 seconds. */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /** The clock for log times; its zone is the server's time zone. Default: the system's. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the server; {@link KesServer#start()} starts it.
     *
     * @throws IllegalStateException if the TLS context or the engine is missing
     */
    public KesServer build() {
      if (sslContext == null) {
        throw new IllegalStateException("an SSL context is required");
      }
      if (engine == null) {
        throw new IllegalStateException("an engine is required");
      }
      return new KesServer(this);
    }
  }
}

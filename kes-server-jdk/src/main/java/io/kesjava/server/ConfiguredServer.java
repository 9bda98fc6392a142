package io.kesjava.server;

import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KesException;
import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.config.ConfigException;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.ConfigWarning;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.server.config.ListenAddress;
import io.kesjava.server.config.LogConfig;
import io.kesjava.server.config.ServerConfig;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A KES server built from a KES config file, or from a parsed {@link ServerConfig}, as {@code kes
 * server --config} builds one ({@code docs/embedding.md#a-server-from-a-config-file}): the key
 * store, the TLS material, the policies, the engine with the configured keys, and a started {@link
 * KesServer} on the configured address.
 *
 * <pre>{@code
 * try (ConfiguredServer kes = ConfiguredServer.fromFile(Path.of("kes.yml")).start()) {
 *   InetSocketAddress address = kes.address();
 *   ...
 *   kes.reload(); // what SIGHUP does to kes server
 * }
 * }</pre>
 *
 * <p>The server re-reads its TLS files every 15 minutes ({@code docs/configuration.md#tls}). {@link
 * #reload()} re-reads the config file: policies, the configured keys, the {@code api} settings, the
 * log levels and the TLS files take effect; a changed address, key store, admin, TLS auth mode,
 * TLS proxies or cache keeps its running value, with a warning in the error log. A file that cannot
 * be used changes nothing ({@code docs/configuration.md#reloading}). Signals are the application's
 * business: the library installs no handler and sets no JVM-wide property.
 *
 * <p>Thread-safety: safe for concurrent use; immutable but for the reloadable parts above.
 */
public final class ConfiguredServer implements AutoCloseable {

  /** The header a TLS proxy forwards the client certificate in, unless the config says. */
  private static final String DEFAULT_PROXY_HEADER = "X-Tls-Client-Cert";

  private final KesServer server;
  private final KesEngine engine;
  private final ConfigReload reload;
  private final boolean fromFile;
  private final AutoCloseable tlsRefresh;
  private boolean closed;

  private ConfiguredServer(KesServer server, KesEngine engine, ConfigReload reload,
      boolean fromFile, AutoCloseable tlsRefresh) {
    this.server = server;
    this.engine = engine;
    this.reload = reload;
    this.fromFile = fromFile;
    this.tlsRefresh = tlsRefresh;
  }

  /** A builder for a server from the KES config file {@code file}. */
  public static Builder fromFile(Path file) {
    return new Builder(Objects.requireNonNull(file, "file"), null);
  }

  /** A builder for a server from a parsed config (see {@link ConfigParser}). */
  public static Builder fromConfig(ServerConfig config) {
    return new Builder(null, Objects.requireNonNull(config, "config"));
  }

  /** The bound address; the real port when the config's port was 0. */
  public InetSocketAddress address() {
    return server.address();
  }

  /**
   * The engine behind the server: the application's own, unrestricted handle on the keys (use
   * {@link KesEngine#as(Identity)} to act for an identity under the policies). Closed with the
   * server.
   */
  public KesEngine engine() {
    return engine;
  }

  /** The HTTP server: its audit and error logs. */
  public KesServer server() {
    return server;
  }

  /** The config in effect: the one started with, or the last one reloaded without error. */
  public ServerConfig config() {
    return reload.current();
  }

  /**
   * Re-reads the config file and applies it, as SIGHUP does to {@code kes server}.
   *
   * @return whether the file was valid and applied; if not, {@code Failed to reload server config:
   *     <reason>} is in the error log and the running config stays
   * @throws IllegalStateException if the server was built {@link #fromConfig(ServerConfig)}: use
   *     {@link #reload(ServerConfig)}
   */
  public boolean reload() {
    if (!fromFile) {
      throw new IllegalStateException("the server was built from a config object, not a file");
    }
    return reload.reload();
  }

  /**
   * Applies {@code next} as {@link #reload()} applies a re-read file.
   *
   * @return whether it was valid and applied; if not, the reason is in the error log
   */
  public boolean reload(ServerConfig next) {
    Objects.requireNonNull(next, "next");
    return reload.reload(() -> next);
  }

  /**
   * Stops the TLS refresh, stops serving (waiting up to a second for requests in flight), then
   * closes the engine and its key store. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      tlsRefresh.close();
    } catch (Exception e) {
      // the timer's thread is a daemon: it ends with the JVM anyway
    }
    try {
      server.close();
    } finally {
      engine.close();
    }
  }

  /** The policy table of {@code config} with {@code admin} as the admin. */
  static PolicyTable policies(ServerConfig config, Identity admin) {
    PolicyTable.Builder table = PolicyTable.builder().admin(admin.value());
    config.policies().forEach((name, p) ->
        table.policy(new Policy(name, p.allow(), p.deny()), p.identities()));
    try {
      return table.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new KesServerException("kes: " + e.getMessage(), e);
    }
  }

  /** The {@code api} section as the HTTP layer takes it. */
  static Map<String, RouteSettings> routeSettings(ServerConfig config) {
    Map<String, RouteSettings> routes = new LinkedHashMap<>();
    config.api().forEach((path, api) ->
        routes.put(path, new RouteSettings(api.timeout(), api.skipAuth())));
    return routes;
  }

  /**
   * Builds a {@link ConfiguredServer}. Not thread-safe; {@link #start()} copies what it needs, so
   * that changing the builder afterwards changes no server.
   */
  public static final class Builder {
    private final Path file;
    private final ServerConfig config;
    private String address = "";
    private String tlsKey = "";
    private String tlsCert = "";
    private String tlsAuth = "";
    private Function<String, String> environment = System::getenv;
    private Consumer<String> warnings = w ->
        System.getLogger(ConfiguredServer.class.getName()).log(System.Logger.Level.WARNING, w);
    private String version = defaultVersion();
    private Duration drainTimeout = Duration.ofSeconds(1);
    private ServerTls.Timer tlsTimer = ServerTls.Timer.system();

    private Builder(Path file, ServerConfig config) {
      this.file = file;
      this.config = config;
    }

    /**
     * Listens on {@code [ip]:port} instead of the file's {@code address}, as {@code kes server
     * --addr} does; port 0 picks a free port. Only for a file: a parsed config has its own.
     */
    public Builder address(String address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The private key file instead of {@code tls.key} ({@code kes server --key}); a file only. */
    public Builder tlsKey(String file) {
      this.tlsKey = Objects.requireNonNull(file, "file");
      return this;
    }

    /** The certificate file instead of {@code tls.cert} ({@code kes server --cert}); a file only. */
    public Builder tlsCert(String file) {
      this.tlsCert = Objects.requireNonNull(file, "file");
      return this;
    }

    /** {@code on} or {@code off} instead of {@code tls.auth} ({@code kes server --auth}). */
    public Builder tlsAuth(String auth) {
      this.tlsAuth = Objects.requireNonNull(auth, "auth");
      return this;
    }

    /**
     * The environment that {@code ${VAR}} references in the file are read from; {@code null} for
     * an unset variable. Default: the process's.
     */
    public Builder environment(Function<String, String> environment) {
      this.environment = Objects.requireNonNull(environment, "environment");
      return this;
    }

    /**
     * Where the warnings about the config go when the server starts (unknown keys, policy patterns
     * that never match); {@code kes server} prints them as {@code WARNING: ...}. Default: the
     * {@link System.Logger} of this class, at WARNING. Warnings of a reload go to the error log.
     */
    public Builder warnings(Consumer<String> warnings) {
      this.warnings = Objects.requireNonNull(warnings, "warnings");
      return this;
    }

    /** The version {@code /version} and {@code /v1/status} report; default this library's. */
    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /** How long closing waits for requests in flight; default 1 second, as {@code kes server}. */
    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
      return this;
    }

    /** Runs the periodic re-read of the TLS files; for tests that trigger it themselves. */
    Builder tlsTimer(ServerTls.Timer timer) {
      this.tlsTimer = Objects.requireNonNull(timer, "timer");
      return this;
    }

    /**
     * Reads the config (a file), connects the key store, loads the TLS material, creates the
     * configured keys and starts serving.
     *
     * @throws KesServerException with the reason it could not start; nothing is left open
     */
    public ConfiguredServer start() {
      Settings s = new Settings(file, config, address, tlsKey, tlsCert, tlsAuth, environment);
      ServerConfig first = s.read();
      for (ConfigWarning warning : first.warnings()) {
        warnings.accept(warning.toString());
      }
      ListenAddress listen = listenAddress(
          first.address().isEmpty() ? ListenAddress.DEFAULT : first.address());
      ServerTls tls = new ServerTls(first.tls(), first.clientAuth());
      PolicyTable policies = policies(first, first.admin());
      policies.warnings().forEach(warnings);
      KeyStore store = keyStore(first.keyStore());
      KesEngine engine;
      try {
        engine = KesEngine.builder()
            .keyStore(store)
            .cache(first.cache())
            .policies(policies)
            .identity(first.admin())
            .keys(first.keys())
            .version(version)
            .build();
      } catch (KesException | KeyStoreException | IllegalArgumentException e) {
        store.close();
        throw new KesServerException("failed to create the configured keys: " + e.getMessage(), e);
      }
      LogConfig log = first.log();
      String header = first.tls().proxyCertHeader().isEmpty()
          ? DEFAULT_PROXY_HEADER : first.tls().proxyCertHeader();
      KesServer server;
      try {
        server = KesServer.builder()
            .address(listen.toSocketAddress())
            .sslContext(tls.context())
            .clientAuth(first.clientAuth())
            .engine(engine)
            .apiSettings(routeSettings(first))
            .tlsProxy(Set.copyOf(first.tls().proxyIdentities()), header)
            .forwardedCertificateTrust(tls::trustsForwarded)
            .auditLog(log.auditToStdout(), log.auditLevel())
            .errorLog(log.errorToStderr(), log.errorLevel())
            .drainTimeout(drainTimeout)
            .version(version)
            .build()
            .start();
      } catch (UncheckedIOException e) {
        engine.close();
        throw new KesServerException(
            "failed to listen on " + listen + ": " + IoMessages.of(e), e);
      } catch (RuntimeException e) {
        engine.close();
        throw e;
      }
      KesServer started = server;
      AutoCloseable refresh = tlsTimer.every(ServerTls.REFRESH,
          () -> tls.refresh(e -> started.log(ErrorEvent.ERROR, e)));
      ConfigReload reload = new ConfigReload(s::read, first, server, engine, tls);
      return new ConfiguredServer(server, engine, reload, file != null, refresh);
    }

    private static ListenAddress listenAddress(String text) {
      try {
        return ListenAddress.parse(text);
      } catch (IllegalArgumentException e) {
        throw new KesServerException("invalid address '" + text + "': " + e.getMessage());
      }
    }

    private static KeyStore keyStore(KeyStoreSection section) {
      KeyStoreRegistry registry;
      try {
        registry = KeyStoreRegistry.load();
      } catch (IllegalStateException e) {
        throw new KesServerException(e.getMessage(), e);
      }
      try {
        return registry.create(section.backend(), section.config());
      } catch (InvalidConfigException e) {
        int line = section.lineOf(e.key());
        throw new KesServerException("invalid keystore config: " + e.getMessage()
            + (line > 0 ? " (line " + line + ")" : ""), e);
      } catch (KeyStoreException e) {
        throw new KesServerException("failed to connect to the key store: " + e.getMessage(), e);
      }
    }

    private static String defaultVersion() {
      String v = ConfiguredServer.class.getPackage().getImplementationVersion();
      return v != null ? v : "0.1.0-SNAPSHOT";
    }
  }

  /** What a server reads its config from, fixed at start: a file with overrides, or an object. */
  private record Settings(Path file, ServerConfig config, String address, String tlsKey,
      String tlsCert, String tlsAuth, Function<String, String> environment) {

    /**
     * Reads and validates the config.
     *
     * @throws KesServerException with the reason
     */
    ServerConfig read() {
      if (file == null) {
        return config;
      }
      ConfigParser.Builder parser = ConfigParser.builder().environment(environment);
      if (!address.isEmpty()) {
        parser.address(address);
      }
      if (!tlsKey.isEmpty()) {
        parser.tlsKey(tlsKey);
      }
      if (!tlsCert.isEmpty()) {
        parser.tlsCert(tlsCert);
      }
      if (!tlsAuth.isEmpty()) {
        parser.tlsAuth(tlsAuth);
      }
      try {
        return parser.build().parse(file);
      } catch (ConfigException e) {
        throw new KesServerException("failed to read config file: " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new KesServerException(
            "failed to read config file: open " + file + ": " + IoMessages.of(e), e);
      }
    }
  }
}

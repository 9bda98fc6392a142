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

  /** How long closing waits for requests in flight: 1 second, as KES ({@code docs/cli.md#kes-server}). */
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(1);

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

  /** A builder for a server from the KES config file {@code file}, read as {@code kes server} does. */
  public static Builder fromFile(Path file) {
    return fromFile(file, ConfigParser.builder().build());
  }

  /**
   * A builder for a server from the KES config file {@code file}, read by {@code parser} now and
   * on each {@link #reload()}: its overrides are those of the {@code kes server} flags ({@link
   * ConfigParser.Builder#address(String)} for {@code --addr}, ...), its environment is where {@code
   * ${VAR}} references are read from.
   */
  public static Builder fromFile(Path file, ConfigParser parser) {
    return new Builder(Objects.requireNonNull(file, "file"), Objects.requireNonNull(parser, "parser"),
        null);
  }

  /** A builder for a server from a parsed config (see {@link ConfigParser}). */
  public static Builder fromConfig(ServerConfig config) {
    return new Builder(null, null, Objects.requireNonNull(config, "config"));
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
   * Stops the TLS refresh, stops serving (waiting up to 1 second for requests in flight), then
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
    private final ConfigParser parser;
    private final ServerConfig config;
    private Consumer<String> warnings = w ->
        System.getLogger(ConfiguredServer.class.getName()).log(System.Logger.Level.WARNING, w);
    private String version = defaultVersion();
    private ServerTls.Timer tlsTimer = ServerTls.Timer.system();

    private Builder(Path file, ConfigParser parser, ServerConfig config) {
      this.file = file;
      this.parser = parser;
      this.config = config;
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
      Settings s = new Settings(file, parser, config);
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
            .drainTimeout(DRAIN_TIMEOUT)
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

  /** What a server reads its config from, fixed at start: a file and its parser, or an object. */
  private record Settings(Path file, ConfigParser parser, ServerConfig config) {

    /**
     * Reads and validates the config.
     *
     * @throws KesServerException with the reason
     */
    ServerConfig read() {
      if (file == null) {
        return config;
      }
      try {
        return parser.parse(file);
      } catch (ConfigException e) {
        throw new KesServerException("failed to read config file: " + e.getMessage(), e);
      } catch (UncheckedIOException e) {
        throw new KesServerException(
            "failed to read config file: open " + file + ": " + IoMessages.of(e), e);
      }
    }
  }
}

package io.kesjava.server.cli;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KesException;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.KesServer;
import io.kesjava.server.RouteSettings;
import io.kesjava.server.config.ConfigException;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.ConfigWarning;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.server.config.ListenAddress;
import io.kesjava.server.config.LogConfig;
import io.kesjava.server.config.ServerConfig;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Builds and starts a server the way {@code kes server} does ({@code
 * docs/configuration.md#when-things-are-checked}): config file (or development mode), listen
 * address, key store, TLS material, policies, engine with the configured keys, HTTPS server; then
 * prints the banner.
 */
final class ServerLauncher {

  /** The {@code kes server} flags. Empty strings mean "not given". */
  record Options(String config, String addr, String cert, String key, String auth, boolean dev) {}

  private static final String DEFAULT_PROXY_HEADER = "X-Tls-Client-Cert";

  /**
   * How long a stopping server waits for requests in flight: 1 second, as KES ({@code
   * docs/cli.md#kes-server}).
   */
  private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(1);

  private ServerLauncher() {}

  static RunningServer start(Options options, CliContext context) {
    return start(options, context, ServerTls.Timer.system());
  }

  /**
   * Starts a server.
   *
   * @param tlsRefresh runs the periodic re-read of the TLS files ({@link ServerTls#REFRESH})
   * @throws CliException with the reason it could not start
   */
  static RunningServer start(Options options, CliContext context, ServerTls.Timer tlsRefresh) {
    if (options.dev()) {
      if (!options.config().isEmpty()) {
        throw new CliException("'--config' flag is not supported in development mode");
      }
      return startDev(options, context);
    }
    if (options.config().isEmpty()) {
      throw new CliException("no config file specified. Use '--config <file>', or '--dev' for a development server");
    }
    return startFromConfig(options, context, tlsRefresh);
  }

  private static ListenAddress address(String text) {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid address '" + text + "': " + e.getMessage());
    }
  }

  /**
   * Reads and validates the config file with the {@code kes server} flags applied.
   *
   * @throws CliException with the reason
   */
  static ServerConfig parse(Options options, CliContext context) {
    ConfigParser.Builder parser = ConfigParser.builder().environment(context.env());
    if (!options.addr().isEmpty()) {
      parser.address(options.addr());
    }
    if (!options.key().isEmpty()) {
      parser.tlsKey(options.key());
    }
    if (!options.cert().isEmpty()) {
      parser.tlsCert(options.cert());
    }
    if (!options.auth().isEmpty()) {
      parser.tlsAuth(options.auth());
    }
    try {
      return parser.build().parse(java.nio.file.Path.of(options.config()));
    } catch (ConfigException e) {
      throw new CliException("failed to read config file: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new CliException("failed to read config file: open " + options.config() + ": " + Messages.of(e), e);
    }
  }

  private static RunningServer startFromConfig(Options options, CliContext context, ServerTls.Timer tlsRefresh) {
    ServerConfig config = parse(options, context);
    for (ConfigWarning warning : config.warnings()) {
      context.err().println("WARNING: " + warning);
    }
    ListenAddress listen = address(config.address().isEmpty() ? ListenAddress.DEFAULT : config.address());

    ServerTls tls = new ServerTls(config.tls(), config.clientAuth());
    PolicyTable policies = policies(config);
    policies.warnings().forEach(w -> context.err().println("WARNING: " + w));
    KeyStore store = keyStore(config.keyStore());
    KesEngine engine;
    try {
      engine =
          KesEngine.builder()
              .keyStore(store)
              .cache(config.cache())
              .policies(policies)
              .identity(config.admin())
              .keys(config.keys())
              .version(Version.version())
              .build();
    } catch (KesException | KeyStoreException | IllegalArgumentException e) {
      store.close();
      throw new CliException("failed to create the configured keys: " + e.getMessage(), e);
    }
    LogConfig log = config.log();
    String header = config.tls().proxyCertHeader().isEmpty() ? DEFAULT_PROXY_HEADER : config.tls().proxyCertHeader();
    KesServer server =
        listen(
            KesServer.builder()
                .address(listen.toSocketAddress())
                .sslContext(tls.context())
                .clientAuth(config.clientAuth())
                .engine(engine)
                .apiSettings(routeSettings(config))
                .tlsProxy(Set.copyOf(config.tls().proxyIdentities()), header)
                .forwardedCertificateTrust(tls::trustsForwarded)
                .auditLog(log.auditToStdout(), log.auditLevel())
                .errorLog(log.errorToStderr(), log.errorLevel())
                .drainTimeout(DRAIN_TIMEOUT)
                .version(Version.version()),
            engine,
            listen);
    AutoCloseable refresh =
        tlsRefresh.every(ServerTls.REFRESH, () -> tls.refresh(e -> server.log(ErrorEvent.ERROR, e)));
    RunningServer running =
        new RunningServer(server, engine, null, new ConfigReload(options, context, config, server, engine, tls), refresh);
    Banner banner = new Banner(context.out());
    header(banner, running.address(), engine, config.admin(), log);
    banner.blank();
    banner.print("=> Server is up and running...");
    return running;
  }

  private static KesServer listen(KesServer.Builder builder, KesEngine engine, ListenAddress listen) {
    try {
      return builder.build().start();
    } catch (UncheckedIOException e) {
      engine.close();
      throw new CliException("failed to listen on " + listen + ": " + Messages.of(e), e);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  static Map<String, RouteSettings> routeSettings(ServerConfig config) {
    Map<String, RouteSettings> routes = new LinkedHashMap<>();
    config.api().forEach((path, api) -> routes.put(path, new RouteSettings(api.timeout(), api.skipAuth())));
    return routes;
  }

  static PolicyTable policies(ServerConfig config) {
    return policies(config, config.admin());
  }

  /** The policies of {@code config} with {@code admin} as the admin. */
  static PolicyTable policies(ServerConfig config, Identity admin) {
    PolicyTable.Builder table = PolicyTable.builder().admin(admin.value());
    config.policies().forEach((name, p) -> table.policy(new Policy(name, p.allow(), p.deny()), p.identities()));
    try {
      return table.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException("kes: " + e.getMessage(), e);
    }
  }

  private static KeyStore keyStore(KeyStoreSection section) {
    KeyStoreRegistry registry;
    try {
      registry = KeyStoreRegistry.load();
    } catch (IllegalStateException e) {
      throw new CliException(e.getMessage(), e);
    }
    try {
      return registry.create(section.backend(), section.config());
    } catch (InvalidConfigException e) {
      int line = section.lineOf(e.key());
      throw new CliException("invalid keystore config: " + e.getMessage() + (line > 0 ? " (line " + line + ")" : ""), e);
    } catch (KeyStoreException e) {
      throw new CliException("failed to connect to the key store: " + e.getMessage(), e);
    }
  }

  private static RunningServer startDev(Options options, CliContext context) {
    ListenAddress listen = address(options.addr().isEmpty() ? DevMode.DEFAULT_ADDRESS : options.addr());
    for (String flag : List.of("cert", "key", "auth")) {
      String value = flag.equals("cert") ? options.cert() : flag.equals("key") ? options.key() : options.auth();
      if (!value.isEmpty()) {
        context.err().println("WARNING: '--" + flag + "' flag is ignored in development mode");
      }
    }
    DevMode dev = DevMode.create(listen.host());
    Identity admin = dev.apiKey().identity();
    KeyStore store = keyStore(new KeyStoreSection("mem", KeyStoreConfig.of("keystore.mem", Map.of()), Map.of()));
    KesEngine engine =
        KesEngine.builder()
            .keyStore(store)
            .cache(CacheConfig.defaults())
            .policies(PolicyTable.builder().admin(admin.value()).build())
            .identity(admin)
            .version(Version.version())
            .build();
    SSLContext sslContext = Tls.serverContext().credential(dev.serverCredential()).clientAuth(ClientAuth.REQUIRE_ANY).build();
    KesServer server;
    try {
      server =
          listen(
              KesServer.builder()
                  .address(listen.toSocketAddress())
                  .sslContext(sslContext)
                  .clientAuth(ClientAuth.REQUIRE_ANY)
                  .engine(engine)
                  .auditLog(true, LogConfig.INFO)
                  .errorLog(true, LogConfig.INFO)
                  .drainTimeout(DRAIN_TIMEOUT)
                  .version(Version.version()),
              engine,
              listen);
    } catch (RuntimeException e) {
      dev.deleteFiles();
      throw e;
    }
    RunningServer running = new RunningServer(server, engine, dev, null, () -> {});
    printDev(context, running, engine, dev);
    return running;
  }

  private static void header(Banner banner, InetSocketAddress bound, KesEngine engine, Identity admin, LogConfig log) {
    banner.line("Version", Version.version());
    banner.line("Runtime", Version.runtime());
    banner.blank();
    banner.line("KMS", engine.keyStoreDescription());
    List<String> urls = Banner.urls(bound);
    for (int i = 0; i < urls.size(); i++) {
      banner.line(i == 0 ? "API" : "", "· " + urls.get(i));
    }
    banner.line("Admin", admin.isHex() ? admin.value() : "<disabled>");
    String logs = log.errorToStderr() ? "error=stderr level=" + Banner.level(log.errorLevel()) : "error=off";
    banner.line("Logs", logs);
    if (log.auditToStdout()) {
      banner.line("", "audit=stdout level=" + Banner.level(log.auditLevel()));
    }
  }

  private static void printDev(CliContext context, RunningServer running, KesEngine engine, DevMode dev) {
    Banner banner = new Banner(context.out());
    header(banner, running.address(), engine, dev.apiKey().identity(), new LogConfig(LogConfig.INFO, LogConfig.INFO, true));
    banner.line("API Key", dev.apiKey().revealText());
    banner.blank();
    banner.print("Development mode: an in-memory key store, a self-signed server certificate and a new");
    banner.print("admin API key. Everything is lost when the server stops. Never use it in production.");
    banner.blank();
    banner.line("Files", dev.serverCertificateFile() + "   (the server's certificate: trust it)");
    banner.line("", dev.clientCertificateFile() + "   (the admin's client certificate)");
    banner.line("", dev.clientKeyFile() + "   (the admin's private key)");
    banner.blank();
    String url = Banner.localUrl(running.address());
    banner.print("Try it with curl:");
    banner.print("  curl --cacert " + dev.serverCertificateFile() + " --cert " + dev.clientCertificateFile()
        + " --key " + dev.clientKeyFile() + " " + url + "/v1/status");
    banner.blank();
    banner.print("Connect a KES client (the server certificate is self-signed: use 'kes -k' / InsecureTls):");
    banner.print("  export KES_SERVER=" + url);
    banner.print("  export KES_API_KEY=" + dev.apiKey().revealText());
    banner.blank();
    banner.print("=> Server is up and running...");
  }
}

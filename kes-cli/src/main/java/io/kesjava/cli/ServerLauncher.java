package io.kesjava.cli;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.ConfiguredServer;
import io.kesjava.server.IoMessages;
import io.kesjava.server.KesServer;
import io.kesjava.server.KesServerException;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.server.config.ListenAddress;
import io.kesjava.server.config.LogConfig;
import io.kesjava.server.config.ServerConfig;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Starts a server the way {@code kes server} does ({@code
 * docs/configuration.md#when-things-are-checked}): from a config file with the flags applied, a
 * {@link ConfiguredServer}; in development mode, an in-memory engine with generated credentials.
 * Then prints the banner.
 */
final class ServerLauncher {

  /** The {@code kes server} flags. Empty strings mean "not given". */
  record Options(String config, String addr, String cert, String key, String auth, boolean dev) {}

  /**
   * How long a stopping server waits for requests in flight: 1 second, as KES ({@code
   * docs/cli.md#kes-server}).
   */
  private static final java.time.Duration DRAIN_TIMEOUT = java.time.Duration.ofSeconds(1);

  private ServerLauncher() {}

  /**
   * Starts a server.
   *
   * @throws CliException with the reason it could not start
   */
  static RunningServer start(Options options, Cli context) {
    if (options.dev()) {
      if (!options.config().isEmpty()) {
        throw new CliException("'--config' flag is not supported in development mode");
      }
      return startDev(options, context);
    }
    if (options.config().isEmpty()) {
      throw new CliException("no config file specified. Use '--config <file>', or '--dev' for a development server");
    }
    return startFromConfig(options, context);
  }

  private static ListenAddress address(String text) {
    try {
      return ListenAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid address '" + text + "': " + e.getMessage());
    }
  }

  /** The server of a config file with the {@code kes server} flags applied, not yet started. */
  static ConfiguredServer.Builder configured(Options options, Cli context) {
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
    return ConfiguredServer.fromFile(java.nio.file.Path.of(options.config()), parser.build())
        .warnings(w -> context.err().println("WARNING: " + w))
        .version(Version.version());
  }

  private static RunningServer startFromConfig(Options options, Cli context) {
    ConfiguredServer server;
    try {
      server = configured(options, context).start();
    } catch (KesServerException e) {
      throw new CliException(e.getMessage(), e);
    }
    RunningServer running = new RunningServer(server);
    ServerConfig config = server.config();
    Banner banner = new Banner(context.out());
    header(banner, running.address(), server.engine(), config.admin(), config.log());
    banner.blank();
    banner.print("=> Server is up and running...");
    return running;
  }

  private static KesServer listen(KesServer.Builder builder, KesEngine engine, ListenAddress listen) {
    try {
      return builder.build().start();
    } catch (UncheckedIOException e) {
      engine.close();
      throw new CliException("failed to listen on " + listen + ": " + IoMessages.of(e), e);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static KeyStore keyStore(KeyStoreSection section) {
    try {
      return KeyStoreRegistry.load().create(section.backend(), section.config());
    } catch (IllegalStateException | KeyStoreException e) {
      throw new CliException(e.getMessage(), e);
    }
  }

  private static RunningServer startDev(Options options, Cli context) {
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
    RunningServer running = new RunningServer(server, engine, dev);
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

  private static void printDev(Cli context, RunningServer running, KesEngine engine, DevMode dev) {
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

package io.kesjava.cli;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.server.config.ConfigException;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.ConfigWarning;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.server.config.ServerConfig;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes migrate}: copies the keys of the key store of one server config file ({@code --from})
 * into the key store of another ({@code --to}), stored values verbatim. Only the {@code keystore}
 * section of each file is used, but each must be a valid server config, with {@code ${ENV}}
 * references expanded as by {@code kes server}. See docs/cli.md.
 *
 * <p>Output on standard output: {@code Starting key migration:} and a blank line, a progress line
 * every second while standard output or standard error is a terminal, and a final line. A failure
 * prints {@code Error: <message> (migrated N keys before the error)} on standard error, exit 1.
 */
@Command(name = "migrate", description = "Copy keys from one key store to another.",
    customSynopsis = {
        "kes migrate [-f] [--merge] --from FILE --to FILE [PATTERN]",
        "       kes migrate --from FILE -s HOST -e ENCLAVE -a KEY ... (not supported)"})
final class MigrateCommand implements Callable<Integer> {

  /** How long a shutdown (Ctrl-C) waits for the key being copied. */
  private static final long SHUTDOWN_WAIT_SECONDS = 30;

  @Mixin HelpOption help;

  @Option(names = "--from", paramLabel = "FILE", description = "The source's KES config file.")
  String from = "";

  @Option(names = "--to", paramLabel = "FILE", description = "The target's KES config file.")
  String to = "";

  @Option(names = {"-s", "--server"}, paramLabel = "HOST",
      description = "A MinIO KMS server as the target (not supported); default $MINIO_KMS_SERVER.")
  String server;

  @Option(names = {"-e", "--enclave"}, paramLabel = "ENCLAVE",
      description = "The MinIO KMS enclave, instead of $MINIO_KMS_ENCLAVE.")
  String enclave;

  @Option(names = {"-a", "--api-key"}, paramLabel = "KEY",
      description = "The MinIO KMS API key, instead of $MINIO_KMS_API_KEY.")
  String apiKey;

  @Option(names = {"-k", "--insecure"},
      description = "Skip verification of the MinIO KMS server's certificate.")
  boolean insecure;

  @Option(names = {"-f", "--force"},
      description = "Replace keys that exist in the target: delete, then create.")
  boolean force;

  @Option(names = "--merge", description = "Keep keys that exist in the target, and go on.")
  boolean merge;

  @Parameters(arity = "0..*", paramLabel = "PATTERN",
      description = "Only keys whose name matches this shell pattern (default *).")
  List<String> args = new ArrayList<>();

  private final Cli cli;
  private final int pageSize;

  MigrateCommand(Cli cli) {
    this(cli, Migration.PAGE_SIZE);
  }

  MigrateCommand(Cli cli, int pageSize) {
    this.cli = cli;
    this.pageSize = pageSize;
  }

  @Override
  public Integer call() {
    Glob pattern = checkFlags();
    ServerConfig source = read(from);
    ServerConfig target = read(to);
    try (KeyStore src = connect(from, source.keyStore());
        KeyStore dst = connect(to, target.keyStore())) {
      return migrate(src, dst, pattern);
    }
  }

  /** KES's checks, in KES's order; then the pattern. */
  private Glob checkFlags() {
    if (args.size() > 1) {
      throw new CliException("too many arguments");
    }
    if (from.isEmpty()) {
      throw new CliException("no source specified. Use '--from' flag");
    }
    if (server != null && !to.isEmpty()) {
      throw new CliException("cannot use '-s / --server' and '--to' flag");
    }
    if (enclave != null && !to.isEmpty()) {
      throw new CliException("cannot use '-e / --enclave' and '--to' flag");
    }
    if (apiKey != null && !to.isEmpty()) {
      throw new CliException("cannot use '-a / --api-key' and '--to' flag");
    }
    if (insecure && !to.isEmpty()) {
      throw new CliException("cannot use '-k / --insecure' and '--to' flag");
    }
    if (to.isEmpty()) {
      if (orEnv(server, "MINIO_KMS_SERVER").isEmpty()) {
        throw new CliException("missing migration target. Use '--to' or '--server'");
      }
      if (orEnv(enclave, "MINIO_KMS_ENCLAVE").isEmpty()) {
        throw new CliException("no KMS enclave specified. Use '--enclave'");
      }
      if (orEnv(apiKey, "MINIO_KMS_API_KEY").isEmpty()) {
        throw new CliException("no KMS API key specified. Use '--api-key'");
      }
    }
    if (force && merge) {
      throw new CliException("'--force' and '--merge' flags are mutually exclusive");
    }
    if (to.isEmpty()) {
      throw new CliException("migrating keys to a MinIO KMS server ('-s / --server') is not"
          + " supported; migrate to a key store with '--to FILE'");
    }
    String text = args.isEmpty() ? "*" : args.get(0);
    try {
      return Glob.compile(text);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid pattern '" + text + "': " + e.getMessage());
    }
  }

  private String orEnv(String flag, String variable) {
    if (flag != null) {
      return flag;
    }
    String value = cli.env().apply(variable);
    return value == null ? "" : value;
  }

  /** Parses a whole server config file, as {@code kes server} does, and prints its warnings. */
  private ServerConfig read(String file) {
    ServerConfig config;
    try {
      config = ConfigParser.builder().environment(cli.env()).build().parse(Path.of(file));
    } catch (ConfigException e) {
      throw new CliException("failed to read config file '" + file + "': " + e.getMessage());
    } catch (UncheckedIOException e) {
      throw new CliException(e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      throw new CliException("failed to read config file '" + file + "': " + e.getMessage());
    }
    KeyStoreSection section = config.keyStore();
    if (section.isInMemory()) {
      throw new CliException("failed to read config file '" + file + "': " + (section.lines()
          .isEmpty() ? "kesconf: no keystore specified"
          : "the in-memory key store (keystore.mem) holds no keys to migrate"));
    }
    for (ConfigWarning warning : config.warnings()) {
      cli.err().println("WARNING: " + file + ": " + warning);
    }
    return config;
  }

  /** The key store of a config file, found by its section name as {@code kes server} does. */
  private static KeyStore connect(String file, KeyStoreSection section) {
    KeyStoreRegistry registry;
    try {
      registry = KeyStoreRegistry.load();
    } catch (IllegalStateException e) {
      throw new CliException(e.getMessage());
    }
    try {
      return registry.create(section.backend(), section.config());
    } catch (InvalidConfigException e) {
      int line = section.lineOf(e.key());
      throw new CliException("invalid keystore config in '" + file + "': " + e.getMessage()
          + (line > 0 ? " (line " + line + ")" : ""));
    } catch (KeyStoreException e) {
      throw new CliException("failed to connect to the key store of '" + file + "': "
          + e.getMessage());
    }
  }

  private int migrate(KeyStore src, KeyStore dst, Glob pattern) {
    Migration.Mode mode = force ? Migration.Mode.FORCE
        : merge ? Migration.Mode.MERGE : Migration.Mode.ABORT;
    Migration migration = new Migration(src, dst, pattern, mode, pageSize);
    PrintStream out = cli.out();
    out.println("Starting key migration:");
    out.println();
    out.flush();

    // Ctrl-C (or a TERM signal) stops after the key being copied, so that the target stays
    // consistent even with --force; the shutdown waits for that, up to SHUTDOWN_WAIT_SECONDS.
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      stop.set(true);
      try {
        done.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "kes-migrate-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    ScheduledExecutorService ticker = cli.terminal() ? progress(out, migration) : null;
    try {
      long n = migration.run(stop::get);
      stop(ticker);
      if (n == 0) {
        out.println("Migration succeeded! No keys migrated.");
      } else {
        out.println(String.format("Migrated %6d %s successfully!", n, n == 1 ? "key" : "keys"));
      }
      return 0;
    } catch (Migration.Failure e) {
      stop(ticker);
      return fail(e.getMessage(), e.migrated(), stop.get());
    } catch (RuntimeException e) {
      stop(ticker);
      return fail(e.getMessage() == null ? e.toString() : e.getMessage(), migration.migrated(),
          false);
    } finally {
      stop(ticker);
      out.flush();
      cli.err().flush();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // shutting down: the hook runs, and returns at once
      }
    }
  }

  /** Stops the progress lines; a line being printed is finished before the next output. */
  private static void stop(ScheduledExecutorService ticker) {
    if (ticker == null || ticker.isShutdown()) {
      return;
    }
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Prints the error here, before a shutdown that waits for this command may end the JVM. */
  private int fail(String message, long migrated, boolean interrupted) {
    cli.out().flush();
    cli.err().println("Error: " + message + " (migrated " + Output.count(migrated, "key")
        + (interrupted ? " before the interruption)" : " before the error)"));
    return 1;
  }

  /** A line every second, as KES prints it: {@code Migrated %6d key  ...} or {@code keys ...}. */
  private static ScheduledExecutorService progress(PrintStream out, Migration migration) {
    ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "kes-migrate-progress");
      t.setDaemon(true);
      return t;
    });
    ticker.scheduleAtFixedRate(() -> {
      long n = migration.migrated();
      out.println(String.format("Migrated %6d %s ...", n, n == 1 ? "key " : "keys"));
      out.flush();
    }, 1, 1, TimeUnit.SECONDS);
    return ticker;
  }
}

package io.kesjava.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kes server}: starts a server from a config file, or a development server with {@code
 * --dev}, and serves until the JVM is asked to stop (SIGTERM, SIGINT), then drains requests in
 * flight and closes the key store ({@code docs/cli.md#kes-server}). SIGHUP reloads the config file
 * ({@code docs/configuration.md#reloading}, {@link ConfigReload}).
 */
@Command(
    name = "server",
    description = "Start a KES server.",
    customSynopsis = "kes server [-h] [--config FILE] [--addr [IP]:PORT] [--key FILE] [--cert FILE] [--auth on|off] [--dev]")
final class ServerCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Option(names = "--config", paramLabel = "FILE", description = "The config file.")
  String config = "";

  @Option(names = "--addr", paramLabel = "[IP]:PORT", description = "The address to listen on; overrides the file (default 0.0.0.0:7373, 127.0.0.1:7373 with --dev).")
  String addr = "";

  @Option(names = "--key", paramLabel = "FILE", description = "The server's private key; overrides tls.key.")
  String key = "";

  @Option(names = "--cert", paramLabel = "FILE", description = "The server's certificate; overrides tls.cert.")
  String cert = "";

  @Option(names = "--auth", paramLabel = "on|off", description = "Verify client certificates (on) or only pin their identity (off); overrides tls.auth.")
  String auth = "";

  @Option(names = "--dev", description = "Start a development server: in-memory keys, generated certificate and admin API key.")
  boolean dev;

  @Parameters(arity = "0..*", hidden = true)
  List<String> positional = new ArrayList<>();

  private final Cli context;

  ServerCommand(Cli context) {
    this.context = context;
  }

  ServerLauncher.Options options() {
    if (!positional.isEmpty()) {
      throw new CliException("too many arguments. See 'kes server --help'");
    }
    if (!auth.isEmpty() && !auth.equalsIgnoreCase("on") && !auth.equalsIgnoreCase("off")) {
      throw new CliException("invalid option for --auth: \"" + auth + "\"");
    }
    return new ServerLauncher.Options(config, addr, cert, key, auth, dev);
  }

  @Override
  public Integer call() throws InterruptedException {
    RunningServer server = ServerLauncher.start(options(), context);
    // SIGHUP reloads the config (docs/configuration.md#reloading); left alone, the JVM would stop.
    server
        .configured()
        .ifPresent(
            configured ->
                HangupSignal.install(
                    configured::reload, warning -> context.err().println("WARNING: " + warning)));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  context.out().println();
                  context.out().println("=> Stopping server... Goodbye.");
                  try {
                    server.close();
                  } finally {
                    stopped.countDown();
                  }
                },
                "kes-shutdown"));
    stopped.await();
    return 0;
  }
}

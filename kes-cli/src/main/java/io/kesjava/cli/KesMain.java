package io.kesjava.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kes} command (see docs/cli.md), the one home of the command line: the server commands
 * ({@code server}, a thin user of kes-server-jdk's {@code ConfiguredServer}; {@code identity},
 * {@code identity new|of}), the client commands ({@code ls}, {@code key}, {@code policy}, {@code
 * identity info|ls}, {@code status}, {@code metric}, {@code log}) and {@code migrate}.
 *
 * <p>As a program ({@link #main(String[])}) it sets {@code java.util.logging.SimpleFormatter.format}
 * to one line per record, unless it is set, so that the libraries' log records (System.Logger)
 * print as one line each.
 *
 * <p>Exit status: 0 on success; 1 on any error, printed as one line {@code Error: <message>} on
 * standard error; 2 for help and for a command group without a sub-command.
 */
@Command(name = "kes", description = "A key encryption service, compatible with MinIO KES.",
    synopsisSubcommandLabel = "<command>")
public final class KesMain {

  @Mixin HelpOption help;

  @Option(names = {"-v", "--version"}, description = "Print version information.")
  boolean version;

  private KesMain() {}

  /** Runs {@code kes} with {@code args} and exits with its status. */
  public static void main(String[] args) {
    if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
      System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
    }
    int status = run(Cli.system(), args);
    System.out.flush();
    System.err.flush();
    System.exit(status);
  }

  /**
   * Runs {@code kes} in this JVM, for tests and embedding: output to {@code out} and {@code err},
   * the client's variables ({@code KES_SERVER}, {@code KES_API_KEY}, ...) from {@code env}, and
   * output meant for scripts (not a terminal).
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
    Objects.requireNonNull(env, "env");
    return run(new Cli(out, err, false, env::get, null), args);
  }

  static int run(Cli cli, String... args) {
    CommandLine kes = commandLine(cli);
    ParseResult result;
    try {
      result = kes.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      CommandLine at = e.getCommandLine();
      List<String> unmatched = e.getUnmatched();
      if (!at.getSubcommands().isEmpty() && !unmatched.isEmpty()
          && !unmatched.get(0).startsWith("-")) {
        return fail(cli, "\"" + unmatched.get(0) + "\" is not a " + at.getCommandName()
            + " command. See '" + name(at) + " --help'");
      }
      return fail(cli, "unknown option or argument '" + String.join(" ", unmatched) + "'. See '"
          + name(at) + " --help'");
    } catch (ParameterException e) {
      String m = e.getMessage();
      return fail(cli, (m.endsWith(".") ? m.substring(0, m.length() - 1) : m) + ". See '"
          + name(e.getCommandLine()) + " --help'");
    }
    ParseResult leaf = result;
    while (!leaf.isUsageHelpRequested() && leaf.hasSubcommand()) {
      leaf = leaf.subcommand();
    }
    CommandLine command = leaf.commandSpec().commandLine();
    if (leaf.isUsageHelpRequested()) {
      command.usage(cli.err());
      return 2;
    }
    if (command.getCommand() instanceof KesMain root && root.version) {
      cli.out().println("Version     " + Version.version());
      cli.out().println("Runtime     " + Version.runtime());
      return 0;
    }
    // A group without a sub-command prints its usage; kes identity, a group that also takes an
    // argument (docs/cli.md#identities-and-api-keys), runs.
    if (!(command.getCommand() instanceof Callable)) {
      command.usage(cli.err());
      return 2;
    }
    try {
      Object status = ((Callable<?>) command.getCommand()).call();
      return status instanceof Integer i ? i : 0;
    } catch (CliException e) {
      return fail(cli, e.getMessage());
    } catch (RuntimeException e) {
      return fail(cli, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (Exception e) {
      return fail(cli, e.toString());
    }
  }

  static CommandLine commandLine(Cli cli) {
    CommandLine kes = new CommandLine(new KesMain());
    kes.addSubcommand("server", new ServerCommand(cli));
    kes.addSubcommand("ls", new LsCommand(cli));
    kes.addSubcommand("key", KeyCommands.command(cli));
    kes.addSubcommand("policy", PolicyCommands.command(cli));
    CommandLine identity = new CommandLine(new IdentityCommand(cli));
    identity.addSubcommand("new", new IdentityNewCommand(cli));
    identity.addSubcommand("of", new IdentityOfCommand(cli));
    identity.addSubcommand("info", new IdentityCommands.Info(cli));
    identity.addSubcommand("ls", new IdentityCommands.Ls(cli));
    kes.addSubcommand("identity", identity);
    kes.addSubcommand("log", new LogCommand(cli));
    kes.addSubcommand("status", new StatusCommand(cli));
    kes.addSubcommand("metric", new MetricCommand(cli));
    kes.addSubcommand("migrate", new MigrateCommand(cli));
    kes.setOverwrittenOptionsAllowed(true);
    return kes;
  }

  private static int fail(Cli cli, String message) {
    cli.err().println("Error: " + message);
    return 1;
  }

  private static String name(CommandLine command) {
    return command.getCommandSpec().qualifiedName();
  }
}

package io.kesjava.cli;

import io.kesjava.server.cli.KesCli;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kes} command (see docs/cli.md): the client commands ({@code ls}, {@code key}, {@code
 * policy}, {@code identity info|ls}, {@code status}, {@code metric}, {@code log}) and {@code
 * migrate} of this module, and the server commands ({@code server}, {@code identity new|of}) of
 * kes-server-jdk's {@link KesCli}, which this class hands those command lines to unchanged.
 *
 * <p>Exit status: 0 on success; 1 on any error, printed as one line {@code Error: <message>} on
 * standard error; 2 for help and for a command group without a sub-command.
 */
@Command(name = "kes", description = "A key encryption service, compatible with MinIO KES.",
    synopsisSubcommandLabel = "<command>")
public final class KesMain {

  /** The commands of {@code kes identity} that the server module runs. */
  private static final Set<String> SERVER_IDENTITY_COMMANDS = Set.of("new", "of");
  private static final Set<String> CLIENT_IDENTITY_COMMANDS = Set.of("info", "ls");

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Option(names = {"-v", "--version"}, description = "Print version information.")
  boolean version;

  private KesMain() {}

  /** Runs {@code kes} with {@code args} and exits with its status. */
  public static void main(String[] args) {
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
    if (isServerCommand(args)) {
      return KesCli.run(args, cli.out(), cli.err());
    }
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
      return KesCli.run(new String[] {"--version"}, cli.out(), cli.err());
    }
    if (!command.getSubcommands().isEmpty() || !(command.getCommand() instanceof Callable)) {
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

  /**
   * Whether the server module runs this command line: {@code kes server ...}, and {@code kes
   * identity} except its {@code info} and {@code ls} (so also {@code kes identity <api-key>}).
   */
  static boolean isServerCommand(String[] args) {
    if (args.length == 0) {
      return false;
    }
    if (args[0].equals("server")) {
      return true;
    }
    if (!args[0].equals("identity")) {
      return false;
    }
    if (args.length == 1) {
      return true;
    }
    String sub = args[1];
    return SERVER_IDENTITY_COMMANDS.contains(sub)
        || !(CLIENT_IDENTITY_COMMANDS.contains(sub) || sub.startsWith("-"));
  }

  static CommandLine commandLine(Cli cli) {
    CommandLine kes = new CommandLine(new KesMain());
    kes.addSubcommand("server", new Delegated.Server());
    kes.addSubcommand("ls", new LsCommand(cli));
    kes.addSubcommand("key", KeyCommands.command(cli));
    kes.addSubcommand("policy", PolicyCommands.command(cli));
    CommandLine identity = new CommandLine(new Delegated.IdentityGroup());
    identity.addSubcommand("new", new Delegated.IdentityNew());
    identity.addSubcommand("of", new Delegated.IdentityOf());
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

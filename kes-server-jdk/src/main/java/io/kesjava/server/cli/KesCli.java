package io.kesjava.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code kes} command line: {@code kes server} and {@code kes identity}.
 *
 * <p>Exit status: 0 on success, 1 on any error ({@code Error: <message>} on standard error), 2 for
 * help and for a command group without a sub-command ({@code docs/cli.md#exit-status-and-errors}).
 *
 * <p>Thread-safety: {@link #run} may run concurrently with other calls.
 */
@Command(
    name = "kes",
    description = "A key encryption service, compatible with MinIO KES.",
    synopsisSubcommandLabel = "<command>")
public final class KesCli implements Callable<Integer> {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;

  @Option(names = {"-v", "--version"}, versionHelp = true, description = "Print version information.")
  boolean version;

  private KesCli() {}

  /** Runs {@code kes} with {@code args} and exits the JVM with its status (unless it serves). */
  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    System.out.flush();
    System.exit(status);
  }

  /**
   * Runs {@code kes} with {@code args} in this JVM, writing to {@code out} and {@code err}; for
   * tests and embedding. With {@link System#out} and {@link System#err} it behaves as the program
   * (terminal detection, password prompts). {@code kes server} blocks until the JVM shuts down.
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Objects.requireNonNull(args, "args");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    if (out == System.out && err == System.err) {
      // Run as the program: the terminal, its password prompt, and one line per log record of the
      // libraries, which log through System.Logger (java.util.logging by default).
      if (System.getProperty("java.util.logging.SimpleFormatter.format") == null) {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%4$s: %5$s%6$s%n");
      }
      return run(CliContext.system(), args);
    }
    return run(new CliContext(out, err, false, System::getenv, null), args);
  }

  static int run(CliContext context, String... args) {
    CommandLine kes = commandLine(context);
    ParseResult result;
    try {
      result = kes.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      CommandLine at = e.getCommandLine();
      List<String> unmatched = e.getUnmatched();
      if (!at.getSubcommands().isEmpty() && !unmatched.isEmpty() && !unmatched.get(0).startsWith("-")) {
        return fail(context, "\"" + unmatched.get(0) + "\" is not a " + qualifiedName(at) + " command. See '" + qualifiedName(at) + " --help'");
      }
      return fail(context, "unknown option or argument '" + String.join(" ", unmatched) + "'. See '" + qualifiedName(at) + " --help'");
    } catch (ParameterException e) {
      return fail(context, stripPeriod(e.getMessage()) + ". See '" + qualifiedName(e.getCommandLine()) + " --help'");
    }
    ParseResult leaf = result;
    while (true) {
      if (leaf.isUsageHelpRequested()) {
        leaf.commandSpec().commandLine().usage(context.err());
        return 2;
      }
      if (leaf.isVersionHelpRequested()) {
        context.out().println("Version     " + Version.version());
        context.out().println("Runtime     " + Version.runtime());
        return 0;
      }
      if (!leaf.hasSubcommand()) {
        break;
      }
      leaf = leaf.subcommand();
    }
    CommandLine command = leaf.commandSpec().commandLine();
    Object target = command.getCommand();
    if (target instanceof KesCli || !(target instanceof Callable)) {
      command.usage(context.err());
      return 2;
    }
    try {
      Object status = ((Callable<?>) target).call();
      return status instanceof Integer ? (Integer) status : 0;
    } catch (CliException e) {
      return fail(context, e.getMessage());
    } catch (RuntimeException e) {
      return fail(context, e.getMessage() == null ? e.toString() : e.getMessage());
    } catch (Exception e) {
      return fail(context, e.toString());
    }
  }

  /** Not run: {@code kes} alone prints its usage. */
  @Override
  public Integer call() {
    return 2;
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine kes = new CommandLine(new KesCli());
    kes.addSubcommand("server", new ServerCommand(context));
    CommandLine identity = new CommandLine(new IdentityCommand(context));
    identity.addSubcommand("of", new IdentityOfCommand(context));
    identity.addSubcommand("new", new IdentityNewCommand(context));
    kes.addSubcommand("identity", identity);
    kes.setOverwrittenOptionsAllowed(true);
    return kes;
  }

  private static int fail(CliContext context, String message) {
    context.err().println("Error: " + message);
    return 1;
  }

  private static String qualifiedName(CommandLine command) {
    return command.getCommandSpec().qualifiedName();
  }

  private static String stripPeriod(String message) {
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }

  /** For tests: the environment lookup of a context built from a map. */
  static CliContext context(PrintStream out, PrintStream err, Map<String, String> env) {
    return new CliContext(out, err, false, env::get, null);
  }
}

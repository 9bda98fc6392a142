package io.kesjava.cli;

import io.kesjava.client.KesClient;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * A client command: the client options, positional arguments checked with KES's messages, and a
 * client built from the environment (see docs/cli.md) for the time of the command.
 */
abstract class ClientCommand implements Callable<Integer> {

  @Mixin HelpOption help;

  @Mixin ClientOptions client;

  @Parameters(arity = "0..*", hidden = true)
  List<String> args = new ArrayList<>();

  final Cli cli;
  private final String missing;
  private final int max;

  /** A command that checks its arguments itself ({@link #checkArgs()}), or takes none. */
  ClientCommand(Cli cli) {
    this(cli, null, -1);
  }

  /**
   * A command whose arguments {@link #checkArgs()} checks by count.
   *
   * @param missing the message when the first argument is missing; {@code null} if none is needed
   * @param max the most arguments; {@code -1} for any number
   */
  ClientCommand(Cli cli, String missing, int max) {
    this.cli = cli;
    this.missing = missing;
    this.max = max;
  }

  /** This command as picocli parsed it: its name, such as {@code kes key create}. */
  @Spec CommandSpec spec;

  /** The command's name after {@code kes}, such as {@code key create}. */
  final String command() {
    return spec.qualifiedName().substring("kes ".length());
  }

  /** Runs the command with a client. */
  abstract void run(KesClient kes);

  /** Checks the arguments before connecting: by default the count given to the constructor. */
  void checkArgs() {
    if (missing != null) {
      arg(0, missing);
    }
    if (max >= 0) {
      atMost(max);
    }
  }

  /** The server given by a flag, replacing the environment's; {@code null} by default. */
  String serverFlag() {
    return null;
  }

  /** The API key given by a flag, replacing the environment's; {@code null} by default. */
  String apiKeyFlag() {
    return null;
  }

  @Override
  public final Integer call() {
    checkArgs();
    try (KesClient kes = Connection.client(cli, client, serverFlag(), apiKeyFlag())) {
      run(kes);
    }
    return 0;
  }

  String arg(int i, String missing) {
    if (args.size() <= i) {
      throw new CliException(missing + ". See 'kes " + command() + " --help'");
    }
    return args.get(i);
  }

  void atMost(int n) {
    if (args.size() > n) {
      throw new CliException("too many arguments. See 'kes " + command() + " --help'");
    }
  }

  byte[] base64(String value, String what) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException e) {
      throw new CliException("invalid " + what + ": " + e.getMessage() + ". See 'kes "
          + command() + " --help'");
    }
  }
}

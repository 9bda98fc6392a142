package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.Listing;
import java.util.function.BiFunction;
import picocli.CommandLine.Option;

/**
 * {@code kes key ls}, {@code kes policy ls} and {@code kes identity ls}: one complete listing,
 * printed as a one-column table for people or a JSON array (see docs/cli.md).
 */
abstract class ListCommand extends ClientCommand {

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  private final String header;
  private final String failure;
  private final String all;
  private final BiFunction<KesClient, String, Listing> list;

  /**
   * @param header the table's column title, such as {@code Key}
   * @param failure the prefix of the error line, such as {@code failed to list keys}
   * @param all the pattern sent without an argument
   * @param list the client call
   */
  ListCommand(Cli cli, String header, String failure, String all,
      BiFunction<KesClient, String, Listing> list) {
    super(cli, null, 1);
    this.header = header;
    this.failure = failure;
    this.all = all;
    this.list = list;
  }

  @Override
  final void run(KesClient kes) {
    String pattern = args.isEmpty() ? all : args.get(0);
    Listing l = Failures.get(failure, () -> list.apply(kes, pattern));
    if (json) {
      cli.out().println(Output.json(l.names(), false));
    } else {
      Output.table(cli.out(), header, l.names());
    }
  }
}

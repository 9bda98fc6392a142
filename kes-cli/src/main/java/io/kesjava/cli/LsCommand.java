package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.core.Listing;
import io.kesjava.keystore.KeyListing;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes ls}: the names of keys, identities ({@code -i}) or policies ({@code -p}) that start
 * with a prefix, sorted; a JSON array with {@code --json}, else a header and one name per line
 * (nothing at all when there is none). See docs/cli.md.
 */
@Command(name = "ls", description = "List keys, identities (-i) or policies (-p).",
    customSynopsis = "kes ls [-a KEY] [-k] [--json] [-i] [-p] [-s HOST[:PORT]] [PREFIX]")
final class LsCommand extends ClientCommand {

  /** ANSI underline on and off, for the header on a terminal. */
  private static final String UNDERLINE = "\033[4m";
  private static final String RESET = "\033[0m";

  @Option(names = {"-a", "--api-key"}, paramLabel = "KEY",
      description = "API key to authenticate with, instead of $MINIO_KES_API_KEY.")
  String apiKey;

  @Option(names = {"-s", "--server"}, paramLabel = "HOST[:PORT]",
      description = "The server, instead of $MINIO_KES_SERVER.")
  String server;

  @Option(names = "--json", description = "Print a JSON array.")
  boolean json;

  @Option(names = {"-i", "--identity"}, description = "List identities.")
  boolean identities;

  @Option(names = {"-p", "--policy"}, description = "List policy names.")
  boolean policies;

  LsCommand(Cli cli) {
    super(cli);
  }

  @Override
  void checkArgs() {
    if (args.size() > 1) {
      throw new CliException("too many arguments");
    }
    if (identities && policies) {
      throw new CliException(
          "'-p / --policy' and '-i / --identity' must not be used at the same time");
    }
  }

  @Override
  String serverFlag() {
    return server;
  }

  @Override
  String apiKeyFlag() {
    return apiKey;
  }

  @Override
  void run(KesClient kes) {
    String prefix = args.isEmpty() ? "" : args.get(0);
    List<String> names;
    String header;
    if (identities) {
      names = all(prefix, kes::listIdentities);
      header = "Identity";
    } else if (policies) {
      names = all(prefix, kes::listPolicies);
      header = "Policy";
    } else {
      names = all(prefix, kes::listKeys);
      header = "Key";
    }
    if (json) {
      cli.out().println(Output.json(names, false));
      return;
    }
    Output.table(cli.out(), cli.terminal() ? UNDERLINE + header + RESET : header, names);
  }

  /**
   * Every name of a listing, sorted in byte order. A server that caps a listing (KES over a large
   * key store) answers with {@code continue_at}, the first name it left out; like KES's client this
   * asks again with that name as the prefix, until a listing is complete, empty or does not
   * advance. This server never caps a listing.
   */
  private static List<String> all(String prefix, Function<String, Listing> list) {
    TreeSet<String> names = new TreeSet<>(KeyListing::compareBytes);
    Listing page = Failures.get(null, () -> list.apply(prefix));
    names.addAll(page.names());
    String next = page.continueAt();
    while (!next.isEmpty()) {
      String at = next;
      page = Failures.get(null, () -> list.apply(at));
      int before = names.size();
      for (String name : page.names()) {
        if (name.startsWith(prefix)) {
          names.add(name);
        }
      }
      if (names.size() == before || page.continueAt().equals(at)) {
        break;
      }
      next = page.continueAt();
    }
    return new ArrayList<>(names);
  }
}

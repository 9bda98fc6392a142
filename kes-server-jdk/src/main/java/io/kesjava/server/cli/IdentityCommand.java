package io.kesjava.server.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kes identity}: a group; without a sub-command it prints its usage. */
@Command(
    name = "identity",
    description = "Compute identities and create API keys and certificates.",
    synopsisSubcommandLabel = "<command>")
final class IdentityCommand {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;
}

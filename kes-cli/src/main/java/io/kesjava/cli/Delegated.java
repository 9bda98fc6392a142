package io.kesjava.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entries in the usage of {@code kes} and {@code kes identity} for the commands that {@link
 * KesMain} hands to kes-server-jdk's command line before parsing; they never run here.
 */
final class Delegated {

  private Delegated() {}

  @Command(name = "server", description = "Start a KES server (see 'kes server --help').")
  static final class Server {}

  @Command(name = "identity",
      description = "Compute identities, create API keys and certificates, describe identities.",
      synopsisSubcommandLabel = "<command>")
  static final class IdentityGroup {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;
  }

  @Command(name = "new",
      description = "Create a new API key, and a private key and certificate for it.")
  static final class IdentityNew {}

  @Command(name = "of", description = "Print the identity of an API key or certificate file.")
  static final class IdentityOf {}
}

package io.kesjava.cli;

import picocli.CommandLine.Option;

/** The options every client command takes (see docs/cli.md). */
final class ClientOptions {

  @Option(names = {"-k", "--insecure"},
      description = "Skip verification of the server's certificate (development only).")
  boolean insecure;

  @Option(names = {"-e", "--enclave"}, paramLabel = "NAME", hidden = true,
      description = "Accepted and ignored, as by KES.")
  String enclave;

  @Option(names = "--color", paramLabel = "auto|never|always", hidden = true,
      description = "Accepted; output is never coloured.")
  String color = "auto";

  void check() {
    if (!color.equals("auto") && !color.equals("never") && !color.equals("always")) {
      throw new CliException("invalid color option");
    }
  }
}

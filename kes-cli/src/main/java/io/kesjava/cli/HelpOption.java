package io.kesjava.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help}: every {@code kes} command's usage, printed on standard error, status 2. */
final class HelpOption {

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
  boolean help;
}

package io.kesjava.server.cli;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where a command writes and reads: injected so that tests run commands in-process.
 *
 * @param out standard output
 * @param err standard error
 * @param terminal whether the output is a terminal (then some commands print friendlier text)
 * @param env the environment, {@code null} for unset variables
 * @param passwords reads a password from the terminal without echo; {@code null} when there is none
 */
record CliContext(
    PrintStream out, PrintStream err, boolean terminal, Function<String, String> env, PasswordReader passwords) {

  /** Reads a password, for {@code kes identity new --encrypt}. */
  @FunctionalInterface
  interface PasswordReader {
    char[] read(String prompt);
  }

  static CliContext system() {
    java.io.Console console = System.console();
    return new CliContext(
        System.out,
        System.err,
        console != null,
        System::getenv,
        console == null ? null : prompt -> console.readPassword("%s", prompt));
  }
}

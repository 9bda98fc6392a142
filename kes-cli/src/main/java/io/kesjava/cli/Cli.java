package io.kesjava.cli;

import java.io.PrintStream;
import java.util.function.Function;

/**
 * Where a command writes and what it reads from its surroundings: injected, so that tests run
 * commands in-process.
 *
 * @param out standard output
 * @param err standard error
 * @param terminal whether standard output or standard error is a terminal (then commands print
 *     text meant for people; otherwise JSON or raw values meant for scripts)
 * @param env the environment; {@code null} for a variable that is not set
 * @param passwords reads a password without echo; {@code null} when there is no terminal
 */
record Cli(PrintStream out, PrintStream err, boolean terminal, Function<String, String> env,
    PasswordReader passwords) {

  /** Reads a password from the terminal. */
  @FunctionalInterface
  interface PasswordReader {
    char[] read(String prompt);
  }

  /** The process's streams, environment and console. */
  static Cli system() {
    java.io.Console console = System.console();
    return new Cli(System.out, System.err, console != null, System::getenv,
        console == null ? null : prompt -> console.readPassword("%s", prompt));
  }
}

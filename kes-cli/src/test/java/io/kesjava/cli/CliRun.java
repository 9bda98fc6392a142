package io.kesjava.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/** Runs {@code kes} in-process and keeps what it printed. */
final class CliRun {

  final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final Deque<String> passwords = new ArrayDeque<>();
  Map<String, String> env = Map.of();
  int status;

  Cli context() {
    return new Cli(
        new PrintStream(outBytes, true, StandardCharsets.UTF_8),
        new PrintStream(errBytes, true, StandardCharsets.UTF_8),
        false,
        name -> env.get(name),
        passwords.isEmpty() ? null : prompt -> passwords.removeFirst().toCharArray());
  }

  CliRun run(String... args) {
    status = KesMain.run(context(), args);
    return this;
  }

  String out() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String err() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}

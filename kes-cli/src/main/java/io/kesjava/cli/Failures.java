package io.kesjava.cli;

import io.kesjava.core.KesException;
import java.util.function.Supplier;

/** Runs a client call and turns its failure into one line: {@code <what>: <server message>}. */
final class Failures {

  private Failures() {}

  static void run(String what, Runnable call) {
    get(what, () -> {
      call.run();
      return null;
    });
  }

  /**
   * Runs {@code call}; its failure becomes {@code <what>: <message>}, or only the message when
   * {@code what} is {@code null}.
   */
  static <T> T get(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (KesException e) {
      throw new CliException(what == null ? e.getMessage() : what + ": " + e.getMessage());
    }
  }
}

package io.kesjava.cli;

/** A failure to report as {@code Error: <message>}, exit status 1 (see docs/cli.md). */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.kesjava.server.cli;

/** A failure to report to the user as {@code Error: <message>}, exit status 1. */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }

  CliException(String message, Throwable cause) {
    super(message, cause);
  }
}

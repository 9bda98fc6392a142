package io.kesjava.cli;

/**
 * A failure to report as {@code Error: <message>}, exit status 1 ({@code
 * docs/cli.md#exit-status-and-errors}).
 */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }
}

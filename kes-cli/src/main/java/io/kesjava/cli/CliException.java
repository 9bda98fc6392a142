package io.kesjava.cli;

/** A failure to report as {@code Error: <message>}, exit status 1 ({@code config.md} §8). */
final class CliException extends RuntimeException {

  CliException(String message) {
    super(message);
  }
}

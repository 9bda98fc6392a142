package io.kesjava.server.config;

/**
 * The {@code log} section ({@code docs/configuration.md#log}) as Go {@code slog} levels: DEBUG -4,
 * INFO 0, WARN 4, ERROR 8; {@code off} is 9 and filters everything.
 *
 * @param errorLevel the minimum level of error-log records ({@code log.error}; default INFO)
 * @param auditLevel the minimum level of audit records ({@code log.audit}; default INFO); audit
 *     records have level INFO
 * @param auditToStdout whether audit events are printed to stdout: only when {@code log.audit} is
 *     set explicitly to {@code on} or a level at most INFO ({@code docs/migrating-from-go-kes.md}:
 *     audit)
 *
 * <p>Thread-safety: immutable.
 */
public record LogConfig(int errorLevel, int auditLevel, boolean auditToStdout) {

  /** slog's INFO level. */
  public static final int INFO = 0;

  /** slog's ERROR level. */
  public static final int ERROR = 8;

  /** The level of {@code off}: above every record's level. */
  public static final int OFF = ERROR + 1;

  /** The defaults: errors to stderr at INFO, audit events at INFO but not to stdout. */
  public static LogConfig defaults() {
    return new LogConfig(INFO, INFO, false);
  }

  /** Whether error records are written to stderr at all: unless {@code log.error: off}. */
  public boolean errorToStderr() {
    return errorLevel <= ERROR;
  }
}

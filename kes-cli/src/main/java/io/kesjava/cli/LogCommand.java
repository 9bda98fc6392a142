package io.kesjava.cli;

import io.kesjava.client.AuditEvent;
import io.kesjava.client.ErrorEvent;
import io.kesjava.client.KesClient;
import io.kesjava.client.LogStream;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes log}: follows the server's audit log (the default) or error log until interrupted or
 * the server ends the stream (see docs/cli.md).
 */
@Command(name = "log", description = "Follow the server's audit or error log.",
    customSynopsis = "kes log [-k] [--audit | --error] [--json]")
final class LogCommand extends ClientCommand {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
  private static final String ROW = "%-12s%-10s%-24s%-19s%-34s%s";

  @Option(names = "--audit", description = "Follow the audit log (the default).")
  boolean audit;

  @Option(names = "--error", description = "Follow the error log.")
  boolean error;

  @Option(names = "--json", description = "Print the events as the server sends them.")
  boolean json;

  @Option(names = "--count", hidden = true, description = "Stop after this many events.")
  long count;

  LogCommand(Cli cli) {
    super(cli);
  }

  @Override
  void checkArgs() {
    if (!args.isEmpty()) {
      throw new CliException("too many arguments. See 'kes log --help'");
    }
    if (audit && error) {
      throw new CliException("cannot display audit and error logs at the same time");
    }
  }

  @Override
  void run(KesClient kes) {
    long seen = 0;
    if (error) {
      try (LogStream<ErrorEvent> log = Failures.get("failed to connect to error log",
          kes::errorLog)) {
        while ((count == 0 || seen < count) && Failures.get("error log", log::hasNext)) {
          ErrorEvent e = log.next();
          cli.out().println(json ? e.json() : e.message());
          seen++;
        }
      }
      return;
    }
    try (LogStream<AuditEvent> log = Failures.get("failed to connect to audit log",
        kes::auditLog)) {
      if (!json) {
        cli.out().println(String.format(ROW, "Time", "Status", "Identity", "IP", "API",
            "Latency"));
      }
      while ((count == 0 || seen < count) && Failures.get("audit log", log::hasNext)) {
        AuditEvent e = log.next();
        cli.out().println(json ? e.json() : row(e));
        seen++;
      }
    }
  }

  private static String row(AuditEvent e) {
    String identity = e.identity().length() > 20 ? e.identity().substring(0, 20) : e.identity();
    return String.format(ROW, TIME.format(e.time().atZone(ZoneId.systemDefault())),
        e.statusCode(), identity, e.ip().isEmpty() ? "<unknown>" : e.ip(), e.path(),
        latency(Duration.ofMillis(e.responseTimeRaw())));
  }

  /** Go-style rounding: to 100 ms from 1 s, 1 ms from 10 ms, 100 µs from 1 ms, 1 µs from 10 µs. */
  static String latency(Duration d) {
    long n = d.toNanos();
    long unit = n >= 1_000_000_000L ? 100_000_000L : n >= 10_000_000L ? 1_000_000L
        : n >= 1_000_000L ? 100_000L : n >= 10_000L ? 1_000L : 1L;
    long r = Math.round((double) n / unit) * unit;
    if (r >= 1_000_000_000L) {
      return trim(r / 1e9) + "s";
    }
    if (r >= 1_000_000L) {
      return trim(r / 1e6) + "ms";
    }
    if (r >= 1_000L) {
      return trim(r / 1e3) + "µs";
    }
    return r == 0 ? "0s" : r + "ns";
  }

  private static String trim(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

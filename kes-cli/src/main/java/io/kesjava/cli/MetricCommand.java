package io.kesjava.cli;

import io.kesjava.client.KesClient;
import io.kesjava.client.ServerMetrics;
import io.kesjava.keystore.internal.GoDuration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kes metric}: polls the server's metrics every {@code --rate} until interrupted (see
 * docs/cli.md): a table on a terminal, else one JSON object per poll.
 */
@Command(name = "metric", description = "Show the server's metrics.",
    customSynopsis = "kes metric [-k] [--rate DURATION]")
final class MetricCommand extends ClientCommand {

  @Option(names = "--rate", paramLabel = "DURATION", description = "How often to poll (default 5s).")
  String rate = "5s";

  @Option(names = "--count", hidden = true, description = "Stop after this many polls.")
  long count;

  private Duration interval;

  MetricCommand(Cli cli) {
    super(cli);
  }

  @Override
  void checkArgs() {
    atMost(0);
    try {
      interval = GoDuration.parse(rate);
    } catch (IllegalArgumentException e) {
      // Go's message without Go's "time: " prefix, as the command has always printed it
      throw new CliException("invalid --rate: " + e.getMessage().replaceFirst("^time: ", ""));
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new CliException("invalid --rate: must be positive");
    }
  }

  @Override
  void run(KesClient kes) {
    ServerMetrics previous = null;
    for (long i = 0; count == 0 || i < count; i++) {
      if (i > 0) {
        try {
          Thread.sleep(interval.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      ServerMetrics m = Failures.get("failed to fetch metrics", kes::metrics);
      if (cli.terminal()) {
        table(cli.out(), m, previous);
      } else {
        cli.out().println(Output.json(json(m), false));
      }
      cli.out().flush();
      previous = m;
    }
  }

  static Map<String, Object> json(ServerMetrics m) {
    Map<String, Object> histogram = new LinkedHashMap<>();
    m.latencyHistogram().forEach((bound, n) ->
        histogram.put(java.math.BigDecimal.valueOf(bound.toNanos(), 9).stripTrailingZeros()
            .toPlainString(), n));
    return Output.object(
        "kes_http_request_success", m.requestOk(),
        "kes_http_request_error", m.requestErr(),
        "kes_http_request_failure", m.requestFail(),
        "kes_http_request_active", m.requestActive(),
        "kes_log_audit_events", m.auditEvents(),
        "kes_log_error_events", m.errorEvents(),
        "kes_http_response_time", histogram,
        "kes_system_up_time", m.uptime().toMillis() / 1000.0,
        "kes_system_num_cpu", m.cpus(),
        "kes_system_num_cpu_used", m.usableCpus(),
        "kes_system_num_threads", m.threads(),
        "kes_system_mem_heap_used", m.heapAlloc(),
        "kes_system_mem_heap_objects", m.heapObjects(),
        "kes_system_mem_stack_used", m.stackAlloc());
  }

  private void table(PrintStream out, ServerMetrics m, ServerMetrics previous) {
    out.print("\033[H\033[2J");
    long total = Math.max(1, m.requests());
    double perSecond = previous == null ? 0
        : (m.requests() - previous.requests()) / (interval.toMillis() / 1000.0);
    Duration avg = m.latencyCount() == 0 ? Duration.ZERO
        : m.latencySum().dividedBy(m.latencyCount());
    out.println(String.format("Requests    OK %d (%.1f%%)   4xx %d (%.1f%%)   5xx %d (%.1f%%)",
        m.requestOk(), 100.0 * m.requestOk() / total, m.requestErr(),
        100.0 * m.requestErr() / total, m.requestFail(), 100.0 * m.requestFail() / total));
    out.println(String.format("            %.1f req/s   avg latency %s   active %d", perSecond,
        LogCommand.latency(avg), m.requestActive()));
    out.println("Uptime      " + StatusCommand.uptime(m.uptime()));
    out.println(String.format("Memory      heap %.1f MiB   stack %.1f MiB",
        m.heapAlloc() / 1048576.0, m.stackAlloc() / 1048576.0));
    out.println(String.format("System      %s (%d usable)   %s", Output.count(m.cpus(), "CPU"),
        m.usableCpus(), Output.count(m.threads(), "thread")));
  }
}

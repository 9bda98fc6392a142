package io.kesjava.cli;

import io.kesjava.client.ApiRoute;
import io.kesjava.client.KesClient;
import io.kesjava.core.StatusInfo;
import io.kesjava.keystore.internal.GoDuration;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kes status} (see docs/cli.md). */
@Command(name = "status", description = "Show the server's status.",
    customSynopsis = "kes status [-k] [-s|--short] [--api] [--json]")
final class StatusCommand extends ClientCommand {

  @Option(names = {"-s", "--short"}, description = "Print only the endpoints.")
  boolean brief;

  @Option(names = "--api", description = "List the server's API routes.")
  boolean api;

  @Option(names = "--json", description = "Print JSON.")
  boolean json;

  StatusCommand(Cli cli) {
    super(cli, null, 0);
  }

  @Override
  void run(KesClient kes) {
    boolean indent = cli.terminal() && !brief;
    if (api) {
      List<ApiRoute> routes = Failures.get("failed to fetch API", kes::apis);
      if (json) {
        List<Map<String, Object>> out = new ArrayList<>();
        routes.forEach(r -> out.add(Output.object("method", r.method(), "path", r.path(),
            "max_body", r.maxBody(), "timeout", r.timeout().toSeconds())));
        cli.out().println(Output.json(out, indent));
        return;
      }
      cli.out().println(String.format("  %-7s %-28s %s", "Method", "API", "Timeout"));
      for (ApiRoute r : routes) {
        cli.out().println(String.format("  %-7s %-28s %s", r.method(), r.path(),
            r.timeout().isZero() ? "Inf" : GoDuration.format(r.timeout())));
      }
      return;
    }
    long start = System.nanoTime();
    StatusInfo s = Failures.get("failed to fetch status", kes::status);
    Duration latency = Duration.ofNanos(System.nanoTime() - start);
    if (json) {
      cli.out().println(Output.json(Output.object("version", s.version(), "os", s.os(),
          "arch", s.arch(), "uptime", s.uptime().toSeconds(), "num_cpu", s.numCpu(),
          "num_cpu_used", s.numCpuUsed(), "mem_heap_used", s.memHeapUsed(),
          "mem_stack_used", s.memStackUsed(),
          "keystore_latency", s.keystoreLatency().map(Duration::toMillis).orElse(null),
          "keystore_unreachable", s.keystoreUnreachable() ? Boolean.TRUE : null,
          "keystore_unavailable", s.keystoreUnreachable() ? Boolean.TRUE : null), indent));
      return;
    }
    PrintStream out = cli.out();
    for (String e : kes.endpoints()) {
      out.println("● " + e.replaceFirst("^https://", ""));
    }
    if (brief) {
      return;
    }
    Output.labelled(out, 13, "  Version", s.version(), "  Uptime", uptime(s.uptime()),
        "  Latency", GoDuration.format(roundToMillis(latency)), "  OS", s.os(),
        "  CPUs", s.numCpu() + " " + s.arch(),
        "  Memory", "", "   · Heap", mib(s.memHeapUsed()), "   · Stack", mib(s.memStackUsed()));
    if (s.keystoreUnreachable()) {
      out.println("  Key store  unreachable");
    }
  }

  /**
   * The uptime in the unit KES picks: seconds up to a minute, minutes up to an hour, hours up to a
   * day, then days and hours; rounded to the nearest unit (days and their hours are whole, not
   * rounded), singular for exactly one ({@code 1 minute}, {@code 1 day 0 hours}).
   */
  static String uptime(Duration d) {
    long ms = Math.max(0, d.toMillis());
    if (d.compareTo(Duration.ofMinutes(1)) <= 0) {
      return Output.count(Math.round(ms / 1_000.0), "second");
    }
    if (d.compareTo(Duration.ofHours(1)) <= 0) {
      return Output.count(Math.round(ms / 60_000.0), "minute");
    }
    if (d.compareTo(Duration.ofDays(1)) <= 0) {
      return Output.count(Math.round(ms / 3_600_000.0), "hour");
    }
    return Output.count(d.toDays(), "day") + " " + Output.count(d.toHoursPart(), "hour");
  }

  /** As Go's {@code Duration.Round(time.Millisecond)}: halves away from zero. */
  static Duration roundToMillis(Duration d) {
    return Duration.ofMillis((d.toNanos() + 500_000) / 1_000_000);
  }

  private static String mib(long bytes) {
    return String.format("%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}

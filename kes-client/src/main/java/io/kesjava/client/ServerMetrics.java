package io.kesjava.client;

import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot of a server's {@code /v1/metrics} ({@code docs/http-api.md#metrics}), read as kms-go
 * reads it: the request counters are summed over their {@code code} labels, the latency histogram's
 * bucket bounds become durations and its {@code +Inf} bucket is dropped. A metric the server did
 * not report is zero.
 *
 * @param requestOk requests answered with a 2xx status
 * @param requestErr requests answered with a 4xx status
 * @param requestFail requests answered with a 5xx status
 * @param requestActive requests being handled at the time
 * @param auditEvents audit events sent to log-stream subscribers
 * @param errorEvents error events sent to log-stream subscribers
 * @param latencyHistogram cumulative number of requests answered within each bound, by bound
 * @param latencySum the total time spent answering requests
 * @param latencyCount the number of requests the histogram counts
 * @param uptime time since the server started
 * @param cpus logical CPUs of the machine
 * @param usableCpus CPUs the server may use
 * @param threads the server's threads
 * @param heapAlloc heap bytes in use
 * @param heapObjects objects on the heap (0 when the server does not measure it)
 * @param stackAlloc stack bytes in use
 */
public record ServerMetrics(
    long requestOk,
    long requestErr,
    long requestFail,
    long requestActive,
    long auditEvents,
    long errorEvents,
    SortedMap<Duration, Long> latencyHistogram,
    Duration latencySum,
    long latencyCount,
    Duration uptime,
    long cpus,
    long usableCpus,
    long threads,
    long heapAlloc,
    long heapObjects,
    long stackAlloc) {

  public ServerMetrics {
    latencyHistogram = Collections.unmodifiableSortedMap(new TreeMap<>(latencyHistogram));
    Objects.requireNonNull(latencySum, "latencySum");
    Objects.requireNonNull(uptime, "uptime");
  }

  /** The number of requests answered, whatever the status. */
  public long requests() {
    return requestOk + requestErr + requestFail;
  }

  /**
   * Reads a Prometheus text exposition.
   *
   * @throws IllegalArgumentException if it is malformed, or a metric that must have exactly one
   *     sample has several
   */
  static ServerMetrics parse(String text) {
    Map<String, List<PrometheusText.Sample>> byName = new HashMap<>();
    for (PrometheusText.Sample s : PrometheusText.parse(text)) {
      byName.computeIfAbsent(s.name(), n -> new java.util.ArrayList<>()).add(s);
    }
    SortedMap<Duration, Long> histogram = new TreeMap<>();
    for (PrometheusText.Sample s : byName.getOrDefault("kes_http_response_time_bucket", List.of())) {
      double le = PrometheusText.number(s.labels().getOrDefault("le", "NaN"));
      if (Double.isFinite(le)) {
        histogram.put(seconds(le), (long) s.value());
      }
    }
    return new ServerMetrics(
        (long) sum(byName, "kes_http_request_success"),
        (long) sum(byName, "kes_http_request_error"),
        (long) sum(byName, "kes_http_request_failure"),
        (long) single(byName, "kes_http_request_active"),
        (long) single(byName, "kes_log_audit_events"),
        (long) single(byName, "kes_log_error_events"),
        histogram,
        seconds(single(byName, "kes_http_response_time_sum")),
        (long) single(byName, "kes_http_response_time_count"),
        seconds(single(byName, "kes_system_up_time")),
        (long) single(byName, "kes_system_num_cpu"),
        (long) single(byName, "kes_system_num_cpu_used"),
        (long) single(byName, "kes_system_num_threads"),
        (long) single(byName, "kes_system_mem_heap_used"),
        (long) single(byName, "kes_system_mem_heap_objects"),
        (long) single(byName, "kes_system_mem_stack_used"));
  }

  private static double sum(Map<String, List<PrometheusText.Sample>> m, String name) {
    double total = 0;
    for (PrometheusText.Sample s : m.getOrDefault(name, List.of())) {
      total += s.value();
    }
    return total;
  }

  private static double single(Map<String, List<PrometheusText.Sample>> m, String name) {
    List<PrometheusText.Sample> samples = m.getOrDefault(name, List.of());
    if (samples.size() > 1) {
      throw new IllegalArgumentException("metric '" + name + "' has more than one sample");
    }
    return samples.isEmpty() ? 0 : samples.get(0).value();
  }

  private static Duration seconds(double s) {
    return Double.isFinite(s) ? Duration.ofNanos(Math.round(s * 1e9)) : Duration.ZERO;
  }
}

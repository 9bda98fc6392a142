package io.kesjava.server.http;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The server's Prometheus metrics with KES's names, types and labels ({@code
 * docs/http-api.md#metrics}), in the text exposition format 0.0.4. Labelled families without
 * samples are left out; unlabelled ones always have exactly one sample.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class Metrics {

  static final String CONTENT_TYPE =
      "text/plain; version=0.0.4; charset=utf-8; escaping=underscores";

  private static final double[] BUCKETS = {0.01, 0.05, 0.1, 0.25, 0.5, 1, 1.5, 3, 5, 10};
  private static final long STACK_PER_THREAD = 1024 * 1024;

  private final Map<Integer, LongAdder> success = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> error = new ConcurrentHashMap<>();
  private final Map<Integer, LongAdder> failure = new ConcurrentHashMap<>();
  private final AtomicLong active = new AtomicLong();
  private final LongAdder[] buckets = new LongAdder[BUCKETS.length];
  private final LongAdder count = new LongAdder();
  private final LongAdder sumNanos = new LongAdder();
  final LongAdder auditEvents = new LongAdder();
  final LongAdder errorEvents = new LongAdder();

  Metrics() {
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = new LongAdder();
    }
  }

  void begin() {
    active.incrementAndGet();
  }

  void end(int status, long nanos) {
    active.decrementAndGet();
    Map<Integer, LongAdder> family =
        status >= 500 ? failure : status >= 400 ? error : status >= 200 && status < 300 ? success : null;
    if (family != null) {
      family.computeIfAbsent(status, s -> new LongAdder()).increment();
    }
    double secs = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (secs <= BUCKETS[i]) {
        buckets[i].increment();
      }
    }
    count.increment();
    sumNanos.add(nanos);
  }

  String render(Duration uptime) {
    StringBuilder sb = new StringBuilder(2048);
    counter(sb, "kes_http_request_success", "Number of requests answered with a 2xx status.", success);
    counter(sb, "kes_http_request_error", "Number of requests answered with a 4xx status.", error);
    counter(sb, "kes_http_request_failure", "Number of requests answered with a 5xx status.", failure);
    gauge(sb, "kes_http_request_active", "Number of requests being handled now.", active.get());
    header(sb, "kes_http_response_time", "How long request handlers took, in seconds.", "histogram");
    for (int i = 0; i < BUCKETS.length; i++) {
      sb.append("kes_http_response_time_bucket{le=\"").append(number(BUCKETS[i])).append("\"} ")
          .append(buckets[i].sum()).append('\n');
    }
    sb.append("kes_http_response_time_bucket{le=\"+Inf\"} ").append(count.sum()).append('\n');
    sb.append("kes_http_response_time_sum ").append(number(sumNanos.sum() / 1e9)).append('\n');
    sb.append("kes_http_response_time_count ").append(count.sum()).append('\n');
    single(sb, "kes_log_error_events", "Number of error log events sent to subscribers.", "counter",
        errorEvents.sum());
    single(sb, "kes_log_audit_events", "Number of audit log events sent to subscribers.", "counter",
        auditEvents.sum());
    Runtime rt = Runtime.getRuntime();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    double up = Math.floor(uptime.toMillis() / 10.0) / 100.0;
    single(sb, "kes_system_up_time", "Seconds since the server started.", "gauge", up);
    gauge(sb, "kes_system_num_cpu", "Logical CPUs of the machine.", rt.availableProcessors());
    gauge(sb, "kes_system_num_cpu_used", "CPUs the server may use.", rt.availableProcessors());
    gauge(sb, "kes_system_num_threads", "Live threads of the JVM.", threads);
    gauge(sb, "kes_system_mem_heap_used", "Heap bytes in use.", rt.totalMemory() - rt.freeMemory());
    gauge(sb, "kes_system_mem_heap_objects", "Heap objects (not measured on the JVM).", 0);
    gauge(sb, "kes_system_mem_stack_used", "Stack bytes reserved by live threads (estimate).",
        threads * STACK_PER_THREAD);
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String name, String help, Map<Integer, LongAdder> m) {
    if (m.isEmpty()) {
      return; // a family without samples is left out (docs/http-api.md#metrics)
    }
    header(sb, name, help, "counter");
    for (Map.Entry<Integer, LongAdder> e : new TreeMap<>(m).entrySet()) {
      sb.append(name).append("{code=\"").append(e.getKey()).append("\"} ")
          .append(e.getValue().sum()).append('\n');
    }
  }

  private static void gauge(StringBuilder sb, String name, String help, long value) {
    single(sb, name, help, "gauge", value);
  }

  private static void single(StringBuilder sb, String name, String help, String type, double v) {
    header(sb, name, help, type);
    sb.append(name).append(' ').append(number(v)).append('\n');
  }

  private static void header(StringBuilder sb, String name, String help, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}

package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerMetricsTest {

  private static final String TEXT = """
      # HELP kes_http_request_success Number of requests answered with a 2xx status.
      # TYPE kes_http_request_success counter
      kes_http_request_success{code="200"} 7
      kes_http_request_error{code="400"} 2
      kes_http_request_error{code="404"} 3
      kes_http_request_active 1
      kes_http_response_time_bucket{le="0.01"} 4
      kes_http_response_time_bucket{le="0.5"} 11
      kes_http_response_time_bucket{le="+Inf"} 12
      kes_http_response_time_sum 0.75
      kes_http_response_time_count 12
      kes_log_audit_events 5
      kes_system_up_time 12.34
      kes_system_num_cpu 8
      kes_system_mem_heap_used 1.5e+06
      """;

  @Test
  void parse_sumsCodes_convertsBuckets_andDefaultsToZero() {
    ServerMetrics m = ServerMetrics.parse(TEXT);
    assertThat(m.requestOk()).isEqualTo(7);
    assertThat(m.requestErr()).isEqualTo(5);
    assertThat(m.requestFail()).isZero();
    assertThat(m.requests()).isEqualTo(12);
    assertThat(m.requestActive()).isEqualTo(1);
    assertThat(m.latencyHistogram()).containsExactly(
        java.util.Map.entry(Duration.ofMillis(10), 4L),
        java.util.Map.entry(Duration.ofMillis(500), 11L));
    assertThat(m.latencySum()).isEqualTo(Duration.ofMillis(750));
    assertThat(m.latencyCount()).isEqualTo(12);
    assertThat(m.auditEvents()).isEqualTo(5);
    assertThat(m.errorEvents()).isZero();
    assertThat(m.uptime()).isEqualTo(Duration.ofMillis(12_340));
    assertThat(m.cpus()).isEqualTo(8);
    assertThat(m.heapAlloc()).isEqualTo(1_500_000);
  }

  @Test
  void parse_rejectsTwoSamplesOfAnUnlabelledMetric_andMalformedLines() {
    assertThatThrownBy(() -> ServerMetrics.parse("kes_system_num_cpu 1\nkes_system_num_cpu 2\n"))
        .hasMessageContaining("more than one sample");
    assertThatThrownBy(() -> ServerMetrics.parse("kes_x{code=\"1} 2\n"))
        .hasMessageContaining("line 1");
    assertThatThrownBy(() -> ServerMetrics.parse("{} 2\n")).hasMessageContaining("line 1");
  }

  @Test
  void labels_withEscapesAndTimestamps_areRead() {
    var samples = PrometheusText.parse("m{a=\"x\\\"y\",b=\"\\n\"} 3 1700000000\n");
    assertThat(samples.get(0).labels()).containsEntry("a", "x\"y").containsEntry("b", "\n");
    assertThat(samples.get(0).value()).isEqualTo(3);
  }
}

package io.kesjava.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.keystore.internal.GoDuration;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonOutTest {

  @Test
  void members_keepOrder_andOmitEmpty() {
    JsonOut out = new JsonOut().beginObject().member("b", "1").memberOmitEmpty("c", "")
        .member("a", 2).name("s").stringArray(List.of("x", "y"))
        .name("p").patternSet(List.of("/v1/a", "/v1/b")).endObject();
    assertThat(out.toString())
        .isEqualTo("{\"b\":\"1\",\"a\":2,\"s\":[\"x\",\"y\"],\"p\":{\"/v1/a\":{},\"/v1/b\":{}}}");
    assertThat(new String(out.toLine(), StandardCharsets.UTF_8)).endsWith("}\n");
  }

  @Test
  void bytes_arePaddedStandardBase64() {
    assertThat(new JsonOut().value(new byte[] {(byte) 0xfb, (byte) 0xff}).toString())
        .isEqualTo("\"+/8=\"");
    assertThat(new JsonOut().value(new byte[0]).toString()).isEqualTo("\"\"");
  }

  @Test
  void times_areRfc3339Nano() {
    assertThat(GoTime.rfc3339Nano(Instant.parse("2025-05-27T11:49:52.123456780Z"),
        ZoneOffset.ofHours(2))).isEqualTo("2025-05-27T13:49:52.12345678+02:00");
    assertThat(GoTime.rfc3339Nano(Instant.parse("0001-01-01T00:00:00Z"), ZoneOffset.UTC))
        .isEqualTo("0001-01-01T00:00:00Z");
    assertThat(GoTime.rfc3339Nano(Instant.parse("1970-01-01T00:00:00Z"), ZoneOffset.ofHours(-5)))
        .isEqualTo("1969-12-31T19:00:00-05:00");
    assertThat(GoTime.rfc3339Millis(Instant.parse("2023-10-19T08:44:00Z"), ZoneOffset.UTC))
        .isEqualTo("2023-10-19T08:44:00.000Z");
  }

  @Test
  void durations_areGoText() {
    assertThat(GoDuration.format(java.time.Duration.ofMillis(200))).isEqualTo("200ms");
    assertThat(GoDuration.format(java.time.Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(java.time.Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(java.time.Duration.ofSeconds(123))).isEqualTo("2m3s");
    assertThat(GoDuration.format(java.time.Duration.ofHours(1))).isEqualTo("1h0m0s");
    assertThat(GoDuration.format(java.time.Duration.ofNanos(1_234_567))).isEqualTo("1.234567ms");
    assertThat(GoDuration.format(java.time.Duration.ofNanos(1500))).isEqualTo("1.5µs");
    assertThat(GoDuration.format(java.time.Duration.ofNanos(7))).isEqualTo("7ns");
  }
}

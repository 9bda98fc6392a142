package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  /** Vector {@code audit-text-line#0}: the stdout line is a {@code log/slog} text record. */
  @Test
  void vectors_auditTextLine() {
    for (JsonNode v : Vectors.ofKind("audit-text-line")) {
      JsonNode r = v.get("record");
      AuditEvent e = new AuditEvent(Instant.parse(r.get("time").asText()),
          r.get("method").asText(), r.get("path").asText(), r.get("remote_ip").asText(),
          r.get("identity").asText(), r.get("status_code").asInt(),
          Duration.ofMillis(r.get("response_time_ms").asLong()), r.get("message").asText());
      assertThat(e.toText(ZoneOffset.UTC)).as(v.get("id").asText())
          .isEqualTo(v.get("expected").get("line").asText());
    }
  }

  /** Vectors {@code error-log-encode#*}: one log write, one line, one trailing LF removed. */
  @Test
  void vectors_errorLogEncode() {
    for (JsonNode v : Vectors.ofKind("error-log-encode")) {
      assertThat(ErrorEvent.streamLine(v.get("log_output").asText()) + "\n")
          .as(v.get("id").asText()).isEqualTo(v.get("expected").get("line").asText());
    }
  }

  @Test
  void auditJson_hasTheShapeOfFormats71() {
    AuditEvent e = new AuditEvent(Instant.parse("2025-05-27T09:49:52.123456789Z"), "PUT",
        "/v1/key/create/k", "10.1.2.3", "abc", 200, Duration.ofMillis(2), "x");
    assertThat(e.toJson(ZoneOffset.ofHours(2))).isEqualTo(
        "{\"time\":\"2025-05-27T11:49:52.123456789+02:00\",\"request\":{\"ip\":\"10.1.2.3\","
            + "\"path\":\"/v1/key/create/k\",\"identity\":\"abc\"},\"response\":{\"code\":200,"
            + "\"time\":2}}");
    AuditEvent anon = new AuditEvent(Instant.parse("2025-05-27T09:49:52Z"), "GET", "/version", "",
        "", 200, Duration.ZERO, "request");
    assertThat(anon.toJson(ZoneOffset.UTC)).isEqualTo("{\"time\":\"2025-05-27T09:49:52Z\","
        + "\"request\":{\"path\":\"/version\"},\"response\":{\"code\":200,\"time\":0}}");
  }

  @Test
  void errorText_isSlog_withRequestAttributes() {
    ErrorEvent e = new ErrorEvent(Instant.parse("2025-05-27T09:49:52.123Z"), ErrorEvent.ERROR,
        "failed to create key", "PUT", "/v1/key/create/k", "10.1.2.3", "");
    assertThat(e.text(ZoneOffset.ofHours(2))).isEqualTo("time=2025-05-27T11:49:52.123+02:00"
        + " level=ERROR msg=\"failed to create key\" req.method=PUT req.path=/v1/key/create/k"
        + " req.ip=10.1.2.3 req.identity=<unknown>");
    assertThat(ErrorEvent.of(Instant.EPOCH, 9, "off").text(ZoneOffset.UTC))
        .isEqualTo("time=1970-01-01T00:00:00.000Z level=ERROR+1 msg=off");
    assertThat(ErrorEvent.of(Instant.EPOCH, ErrorEvent.WARN, "a=b \"q\"\n").text(ZoneOffset.UTC))
        .endsWith("level=WARN msg=\"a=b \\\"q\\\"\\n\"");
  }

  @Test
  void errorLog_filtersByLevel_andWritesTextLines() throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    ErrorLog log = new ErrorLog(new PrintStream(buf, true, StandardCharsets.UTF_8),
        ErrorEvent.WARN);
    List<ErrorEvent> seen = new ArrayList<>();
    AutoCloseable sub = log.subscribe(seen::add);
    log.publish(ErrorEvent.of(Instant.EPOCH, ErrorEvent.INFO, "quiet"));
    log.publish(ErrorEvent.of(Instant.EPOCH, ErrorEvent.ERROR, "loud"));
    sub.close();
    log.publish(ErrorEvent.of(Instant.EPOCH, ErrorEvent.ERROR, "after"));
    assertThat(seen).extracting(ErrorEvent::message).containsExactly("loud");
    assertThat(buf.toString(StandardCharsets.UTF_8)).contains("msg=loud").contains("msg=after")
        .doesNotContain("quiet");
  }

  @Test
  void auditLog_faultySubscriber_doesNotStopOthers() throws Exception {
    AuditLog log = new AuditLog(null);
    List<AuditEvent> seen = new ArrayList<>();
    AutoCloseable a = log.subscribe(e -> {
      throw new IllegalStateException();
    });
    AutoCloseable b = log.subscribe(seen::add);
    log.publish(new AuditEvent(Instant.EPOCH, "GET", "/", "", "", 404, Duration.ZERO, "x"));
    assertThat(log.subscriberCount()).isEqualTo(2);
    a.close();
    b.close();
    assertThat(seen).hasSize(1);
    assertThat(log.subscriberCount()).isZero();
  }

  @Test
  void auditLog_writesSlogLinesToItsStream() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    AuditLog log = new AuditLog(new PrintStream(buf, true, StandardCharsets.UTF_8));
    log.publish(new AuditEvent(Instant.EPOCH, "DELETE", "/v1/key/delete/k", "::1", "id", 200,
        Duration.ofMillis(3), "secret key 'k' deleted"));
    assertThat(buf.toString(StandardCharsets.UTF_8)).endsWith("level=INFO"
        + " msg=\"secret key 'k' deleted\" req.method=DELETE req.path=/v1/key/delete/k"
        + " req.ip=::1 req.identity=id res.code=200 res.time=3ms" + System.lineSeparator());
  }
}

package io.kesjava.server;

import io.kesjava.keystore.internal.GoDuration;
import io.kesjava.server.http.GoTime;
import io.kesjava.server.http.JsonOut;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One audit event: a request and how it was answered ({@code docs/formats.md#log-events}). The
 * server emits one for every request it answers.
 *
 * @param time when the event was emitted
 * @param method the request method
 * @param path the request's URL path
 * @param ip the client's IP address (the forwarded one behind a TLS proxy); empty if unknown
 * @param identity the caller's identity; empty if it has none
 * @param status the response status
 * @param latency from receiving the request to the event
 * @param message what happened, such as {@code secret key 'my-key' created}
 */
public record AuditEvent(
    Instant time,
    String method,
    String path,
    String ip,
    String identity,
    int status,
    Duration latency,
    String message) {

  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(message, "message");
  }

  /** The event as one line of the {@code /v1/log/audit} stream, without the newline. */
  public String toJson() {
    return toJson(ZoneId.systemDefault());
  }

  /** The event as one line of the {@code /v1/log/audit} stream, times in {@code zone}. */
  public String toJson(ZoneId zone) {
    JsonOut out = new JsonOut().beginObject();
    out.name("time").value(time, zone);
    out.name("request").beginObject();
    out.memberOmitEmpty("ip", ip).member("path", path).memberOmitEmpty("identity", identity);
    out.endObject();
    out.name("response").beginObject();
    out.member("code", status).member("time", latency.toMillis());
    out.endObject();
    return out.endObject().toString();
  }

  /** The event as a {@code log/slog} text line for stdout ({@code audit-text-line} vectors). */
  public String toText() {
    return toText(ZoneId.systemDefault());
  }

  /** The event as a {@code log/slog} text line, the time in {@code zone}. */
  public String toText(ZoneId zone) {
    StringBuilder sb = new StringBuilder(256);
    SlogText.attr(sb, "time", GoTime.rfc3339Millis(time, zone));
    SlogText.attr(sb, "level", SlogText.levelName(SlogText.INFO));
    SlogText.attr(sb, "msg", message);
    SlogText.attr(sb, "req.method", method);
    SlogText.attr(sb, "req.path", path);
    SlogText.attr(sb, "req.ip", ip);
    SlogText.attr(sb, "req.identity", identity);
    SlogText.attr(sb, "res.code", Integer.toString(status));
    SlogText.attr(sb, "res.time", GoDuration.format(latency));
    return sb.toString();
  }
}

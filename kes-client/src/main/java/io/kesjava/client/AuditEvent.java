package io.kesjava.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One event of the {@code /v1/log/audit} stream ({@code docs/formats.md#log-events}), read as
 * kms-go reads it.
 *
 * @param time when the server emitted the event
 * @param ip the client's IP address; empty when the server did not say
 * @param path the request's URL path, such as {@code /v1/key/create/my-key}
 * @param identity the caller's identity; empty when it had none
 * @param statusCode the response's HTTP status
 * @param responseTimeRaw {@code response.time} as sent: milliseconds from current servers (this
 *     project's and KES since 2023), nanoseconds from v0.22 and older
 * @param json the event's line exactly as the server sent it
 */
public record AuditEvent(
    Instant time,
    String ip,
    String path,
    String identity,
    int statusCode,
    long responseTimeRaw,
    String json) {

  public AuditEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(json, "json");
  }

  /**
   * Parses one stream line.
   *
   * @throws KesTransportException if it is not an audit event
   */
  static AuditEvent parse(String line) {
    JsonNode node = Json.object(line.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "audit event");
    JsonNode request = node.path("request");
    JsonNode response = node.path("response");
    if (!request.isObject() || !response.isObject()) {
      throw Json.malformed("audit event", null);
    }
    return new AuditEvent(
        Json.time(node, "time"),
        Json.string(request, "ip"),
        Json.string(request, "path"),
        Json.string(request, "identity"),
        (int) Json.integer(response, "code"),
        Json.integer(response, "time"),
        line);
  }
}

package io.kesjava.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One event of the {@code /v1/log/error} stream ({@code docs/formats.md#log-events}).
 *
 * @param message the server's log record: a {@code log/slog} text line from current servers, a Go
 *     {@code log} line ({@code YYYY/MM/DD hh:mm:ss text}) from v0.22 and older
 * @param json the event's line exactly as the server sent it
 */
public record ErrorEvent(String message, String json) {

  public ErrorEvent {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(json, "json");
  }

  /**
   * Parses one stream line.
   *
   * @throws KesTransportException if it is not an error event
   */
  static ErrorEvent parse(String line) {
    JsonNode node = Json.object(line.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "error event");
    return new ErrorEvent(Json.string(node, "message"), line);
  }
}

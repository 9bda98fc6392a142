package io.kesjava.server;

import io.kesjava.server.http.GoTime;
import io.kesjava.server.http.JsonOut;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One record of the server's error log ({@code docs/formats.md#log-events}): a failure while
 * handling a request, a key-store warning, or a server problem.
 *
 * <p>Security: messages never hold key material, plaintexts or credentials.
 *
 * @param time when it happened
 * @param level the {@code log/slog} level: -4 DEBUG, 0 INFO, 4 WARN, 8 ERROR
 * @param message what happened
 * @param method the request's method; empty when the record is not about a request
 * @param path the request's URL path; empty when not about a request
 * @param ip the client's IP address; empty if unknown
 * @param identity the caller's identity; empty if unknown
 */
public record ErrorEvent(
    Instant time,
    int level,
    String message,
    String method,
    String path,
    String ip,
    String identity) {

  /** The DEBUG level. */
  public static final int DEBUG = SlogText.DEBUG;
  /** The INFO level. */
  public static final int INFO = SlogText.INFO;
  /** The WARN level. */
  public static final int WARN = SlogText.WARN;
  /** The ERROR level. */
  public static final int ERROR = SlogText.ERROR;

  public ErrorEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(ip, "ip");
    Objects.requireNonNull(identity, "identity");
  }

  /** A record that is not about a request. */
  public static ErrorEvent of(Instant time, int level, String message) {
    return new ErrorEvent(time, level, message, "", "", "", "");
  }

  /** The record as a {@code log/slog} text line, in the server's time zone. */
  public String text() {
    return text(ZoneId.systemDefault());
  }

  /** The record as a {@code log/slog} text line, the time in {@code zone}. */
  public String text(ZoneId zone) {
    StringBuilder sb = new StringBuilder(200);
    SlogText.attr(sb, "time", GoTime.rfc3339Millis(time, zone));
    SlogText.attr(sb, "level", SlogText.levelName(level));
    SlogText.attr(sb, "msg", message);
    if (!method.isEmpty()) {
      SlogText.attr(sb, "req.method", method);
      SlogText.attr(sb, "req.path", path);
      SlogText.attr(sb, "req.ip", ip);
      SlogText.attr(sb, "req.identity", identity.isEmpty() ? "<unknown>" : identity);
    }
    return sb.toString();
  }

  /** The record as one line of the {@code /v1/log/error} stream, without the newline. */
  public String toJson() {
    return toJson(ZoneId.systemDefault());
  }

  /** The record as a stream line, the time in {@code zone}. */
  public String toJson(ZoneId zone) {
    return streamLine(text(zone));
  }

  /**
   * One log write as a stream line: exactly one trailing newline removed, then {@code
   * {"message":...}} ({@code error-log-encode} vectors).
   */
  public static String streamLine(String logOutput) {
    String s = logOutput.endsWith("\n") ? logOutput.substring(0, logOutput.length() - 1) : logOutput;
    return new JsonOut().beginObject().member("message", s).endObject().toString();
  }
}

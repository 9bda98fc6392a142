package io.kesjava.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.core.KesException;
import java.nio.charset.StandardCharsets;

/**
 * Turns an error response back into the typed exception the server's engine threw ({@code
 * docs/http-api.md#errors}), through {@link KesException#of(int, String)}.
 *
 * <p>Thread-safety: stateless.
 */
final class Errors {

  private Errors() {}

  /**
   * The exception for a response with status 400 to 599. A JSON body ({@code Content-Type}
   * starting with {@code application/json}) gives member {@code error} when non-empty, else
   * {@code message}; any other body is the message itself, without trailing white space (the
   * router's {@code 404 page not found}). A JSON body that is not an object is taken as text too.
   */
  static KesException parse(int status, String contentType, byte[] body) {
    String message = null;
    if (contentType.strip().startsWith("application/json")) {
      try {
        JsonNode node = Json.MAPPER.readTree(body);
        if (node != null && node.isObject()) {
          JsonNode error = node.get("error");
          JsonNode msg = node.get("message");
          if (error != null && error.isTextual() && !error.asText().isEmpty()) {
            message = error.asText();
          } else {
            message = msg != null && msg.isTextual() ? msg.asText() : "";
          }
        }
      } catch (java.io.IOException | RuntimeException e) {
        message = null;
      }
    }
    if (message == null) {
      message = new String(body, StandardCharsets.UTF_8).stripTrailing();
    }
    return KesException.of(status, message);
  }
}

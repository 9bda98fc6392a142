package io.kesjava.keystore.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.util.BinaryData;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import com.azure.json.JsonSerializable;
import io.kesjava.keystore.common.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The parts of a Key Vault error answer that matter here: HTTP status, {@code error.code}, {@code
 * error.innererror.code} and {@code error.message} ({@code docs/keystores/azure.md}, "Error
 * decoding").
 *
 * <p>Key Vault puts the specific reason in the inner code: {@code ObjectIsDeletedButRecoverable},
 * {@code ObjectIsBeingDeleted}, {@code ForbiddenByPolicy}, {@code SecretDisabled}.
 *
 * @param status the HTTP status, or 0 when there was no answer
 * @param code {@code error.code}, or empty
 * @param innerCode {@code error.innererror.code}, or empty
 * @param message {@code error.message}, or empty
 */
record AzureError(int status, String code, String innerCode, String message) {

  static final String DELETED_BUT_RECOVERABLE = "ObjectIsDeletedButRecoverable";
  static final String BEING_DELETED = "ObjectIsBeingDeleted";
  static final String FORBIDDEN_BY_POLICY = "ForbiddenByPolicy";
  static final String SECRET_DISABLED = "SecretDisabled";

  /** Reads the error from the exception's value or, failing that, from the buffered body. */
  static AzureError of(HttpResponseException e) {
    int status = e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    Object value = e.getValue();
    Map<?, ?> body = null;
    try {
      if (value instanceof Map<?, ?> map) {
        body = map;
      } else if (value instanceof JsonSerializable<?> json) {
        body = parse(json.toJsonBytes());
      } else if (value instanceof String text) {
        body = parse(text.getBytes(StandardCharsets.UTF_8));
      }
      if (body == null && e.getResponse() != null) {
        BinaryData data = e.getResponse().getBodyAsBinaryData();
        body = data == null ? null : parse(data.toBytes());
      }
    } catch (IOException | RuntimeException ignored) {
      // Not JSON: only the status is known.
    }
    Map<?, ?> error = body == null ? null : asMap(body.get("error"));
    if (error == null) {
      return new AzureError(status, "", "", "");
    }
    Map<?, ?> inner = asMap(error.get("innererror"));
    return new AzureError(
        status,
        text(error.get("code")),
        inner == null ? "" : text(inner.get("code")),
        text(error.get("message")));
  }

  /** Whether the code or the inner code is {@code code}. */
  boolean is(String code) {
    return code.equals(this.innerCode) || code.equals(this.code);
  }

  /** {@code HTTP <status> <code>/<inner code>: <message>}, for exception messages. */
  String describe(Redactor redactor) {
    StringBuilder out = new StringBuilder("HTTP ").append(status);
    if (!code.isEmpty()) {
      out.append(' ').append(code);
      if (!innerCode.isEmpty()) {
        out.append('/').append(innerCode);
      }
    }
    if (!message.isEmpty()) {
      out.append(": ").append(redactor.redact(message));
    }
    return out.toString();
  }

  private static Map<?, ?> parse(byte[] json) throws IOException {
    if (json.length == 0) {
      return null;
    }
    try (JsonReader reader = JsonProviders.createReader(json)) {
      return asMap(reader.readUntyped());
    }
  }

  private static Map<?, ?> asMap(Object value) {
    return value instanceof Map<?, ?> map ? map : null;
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}

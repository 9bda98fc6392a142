package io.kesjava.keystore.fortanix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends requests to SDKMS and reads the answers; turns transport failures and error answers into
 * the SPI's exceptions with messages in KES's wording ({@code docs/keystores/fortanix.md}).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
final class SdkmsHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** The largest answer read: a listing page of 100 objects is far smaller. */
  private static final int MAX_BODY = 8 << 20;

  /** Vendor text beyond this length is cut in messages (an HTML error page says no more). */
  private static final int MAX_TEXT = 512;

  /** One answer: status, content type (empty when none) and body. */
  record Reply(int status, String contentType, byte[] body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The body as JSON; a missing node when it is empty or not JSON. */
    JsonNode json() {
      if (body.length == 0) {
        return MissingNode.getInstance();
      }
      try {
        JsonNode node = JSON.readTree(body);
        return node == null ? MissingNode.getInstance() : node;
      } catch (IOException e) {
        return MissingNode.getInstance();
      }
    }

    /**
     * The error text of SDKMS: the {@code message} of a JSON body, otherwise the raw body, trimmed
     * ({@code docs/keystores/fortanix.md}).
     */
    String errorText() {
      if (contentType.startsWith("application/json")) {
        JsonNode message = json().path("message");
        if (message.isTextual()) {
          return message.textValue().trim();
        }
      }
      return new String(body, StandardCharsets.UTF_8).trim();
    }
  }

  private final OkHttpClient client;
  private final HttpUrl base;
  private final List<String> secrets;

  /**
   * @param client the client, with the retry rule installed
   * @param base the endpoint without a trailing slash
   * @param secrets strings that never reach a message, even when SDKMS echoes them
   */
  SdkmsHttp(OkHttpClient client, HttpUrl base, List<String> secrets) {
    this.client = client;
    this.base = base;
    this.secrets = List.copyOf(secrets);
  }

  /** A request to {@code <endpoint>/<path>}; {@code path} has no leading slash. */
  Request.Builder request(String path) {
    return new Request.Builder().url(url(path).build());
  }

  /** The URL {@code <endpoint>/<path>}, to add query parameters to. */
  HttpUrl.Builder url(String path) {
    return base.newBuilder().addEncodedPathSegments(path);
  }

  /** A JSON request body. */
  static RequestBody body(JsonNode json) {
    try {
      return RequestBody.create(JSON.writeValueAsBytes(json), JSON_TYPE);
    } catch (IOException e) {
      throw new KeyStoreException("fortanix: failed to encode a request", e);
    }
  }

  /** An empty request body, for POST requests without one. */
  static RequestBody empty() {
    return RequestBody.create(new byte[0], null);
  }

  /**
   * Sends the request (retried per {@code docs/keystores/fortanix.md}) and reads the whole answer.
   *
   * @param context what the request does, for the message, such as {@code failed to create key 'a'}
   * @throws KeyStoreUnreachableException if SDKMS cannot be reached after the retries
   */
  Reply send(Request request, String context) {
    Reply reply;
    try (Response response = client.newCall(request).execute()) {
      MediaType type = response.body().contentType();
      reply =
          new Reply(response.code(), type == null ? "" : type.toString(), read(response.body()));
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "fortanix: " + context + ": http: temporary network error: " + scrub(String.valueOf(e)),
          e);
    }
    if (reply.body().length > MAX_BODY) {
      throw new KeyStoreException(
          "fortanix: " + context + ": response body larger than " + MAX_BODY + " bytes");
    }
    return reply;
  }

  /**
   * The exception for an error answer: {@code fortanix: <context>: <status>: <text>}; unreachable
   * for 502, 503 and 504, which a gateway in front of SDKMS answers when SDKMS is down.
   */
  KeyStoreException failure(Reply reply, String context) {
    String text = scrub(reply.errorText());
    String message =
        "fortanix: " + context + ": " + reply.status() + (text.isEmpty() ? "" : ": " + text);
    if (reply.status() == 502 || reply.status() == 503 || reply.status() == 504) {
      return new KeyStoreUnreachableException(message);
    }
    return new KeyStoreException(message);
  }

  /** {@code text} without the secrets and cut to a readable length. */
  String scrub(String text) {
    String out = text;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, "[redacted]");
      }
    }
    return out.length() > MAX_TEXT ? out.substring(0, MAX_TEXT) + "..." : out;
  }

  /** At most {@code MAX_BODY + 1} bytes, so that the caller can tell an oversized body. */
  private static byte[] read(ResponseBody body) throws IOException {
    try (InputStream in = body.byteStream()) {
      return in.readNBytes(MAX_BODY + 1);
    }
  }
}

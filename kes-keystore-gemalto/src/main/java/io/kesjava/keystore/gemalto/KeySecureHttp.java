package io.kesjava.keystore.gemalto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends requests to KeySecure / CipherTrust Manager and reads the answers; turns transport failures
 * and error answers into the SPI's exceptions with messages in KES's wording ({@code
 * docs/keystores/gemalto.md}).
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
final class KeySecureHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** The largest answer read: KES reads at most 2 MiB of an exported secret. */
  private static final int MAX_BODY = 2 << 20;

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
     * The error text of KeySecure: {@code "<codeDesc>" (<code>)} of a JSON body, otherwise the raw
     * body, trimmed ({@code docs/keystores/gemalto.md}).
     */
    String errorText() {
      if (contentType.startsWith("application/json")) {
        JsonNode error = json();
        if (error.has("codeDesc") || error.has("code")) {
          return "\""
              + error.path("codeDesc").asText("")
              + "\" ("
              + error.path("code").asText("")
              + ")";
        }
      }
      return new String(body, StandardCharsets.UTF_8).trim();
    }
  }

  private final OkHttpClient client;
  private final HttpUrl base;
  private final Set<String> secrets;
  private final Deque<String> tokens; // the latest session tokens, also in secrets

  /**
   * @param client the client, with the retry rule installed
   * @param base the endpoint without a trailing slash
   * @param secrets strings that never reach a message, even when KeySecure echoes them
   */
  KeySecureHttp(OkHttpClient client, HttpUrl base, List<String> secrets) {
    this.client = client;
    this.base = base;
    this.secrets = new CopyOnWriteArraySet<>(secrets);
    this.tokens = new ArrayDeque<>();
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
      throw new KeyStoreException("gemalto: failed to encode a request", e);
    }
  }

  /** An empty request body, for POST requests without one. */
  static RequestBody empty() {
    return RequestBody.create(new byte[0], null);
  }

  /**
   * Sends the request (retried per {@code docs/keystores/gemalto.md}) and reads the whole answer.
   *
   * @param context what the request does, for the message, such as {@code failed to create key 'a'}
   * @throws KeyStoreUnreachableException if KeySecure cannot be reached after the retries
   */
  Reply send(Request request, String context) {
    Reply reply;
    try (Response response = client.newCall(request).execute()) {
      MediaType type = response.body().contentType();
      reply =
          new Reply(response.code(), type == null ? "" : type.toString(), read(response.body()));
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "gemalto: " + context + ": http: temporary network error: " + scrub(String.valueOf(e)),
          e);
    }
    if (reply.body().length > MAX_BODY) {
      throw new KeyStoreException(
          "gemalto: " + context + ": response body larger than " + MAX_BODY + " bytes");
    }
    return reply;
  }

  /**
   * The exception for an error answer: {@code gemalto: <context>: <status>: <text>}; unreachable
   * for 502, 503 and 504, which a gateway in front of KeySecure answers when it is down.
   */
  KeyStoreException failure(Reply reply, String context) {
    String text = scrub(reply.errorText());
    String message =
        "gemalto: " + context + ": " + reply.status() + (text.isEmpty() ? "" : ": " + text);
    if (reply.status() == 502 || reply.status() == 503 || reply.status() == 504) {
      return new KeyStoreUnreachableException(message);
    }
    return new KeyStoreException(message);
  }

  /**
   * Redacts {@code token} from messages from now on, with the one before it (an answer to a request
   * sent with the older token may still arrive); older tokens are forgotten.
   */
  void redactToken(String token) {
    synchronized (tokens) {
      tokens.add(token);
      secrets.add(token);
      while (tokens.size() > 2) {
        secrets.remove(tokens.poll());
      }
    }
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

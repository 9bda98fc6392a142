package io.kesjava.keystore.entrust;

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
 * Sends requests to KeyControl's vault API and reads the answers; turns transport failures and
 * error answers into the SPI's exceptions with messages in KES's wording ({@code
 * docs/keystores/entrust.md}). Every request is a {@code POST} of JSON to {@code
 * <endpoint>/vault/1.0/<Operation>/}.
 *
 * <p>Thread-safety: immutable; safe for concurrent use.
 */
final class KeyControlHttp {

  static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** The largest answer read. */
  private static final int MAX_BODY = 8 << 20;

  /** Vendor text beyond this length is cut in messages (an HTML error page says no more). */
  private static final int MAX_TEXT = 512;

  /** One answer: status, content type (empty when none) and body. */
  record Reply(int status, String contentType, byte[] body) {

    boolean ok() {
      return status == 200;
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

    /** The {@code error} of a JSON error answer; empty for any other answer. */
    String error() {
      if (!contentType.startsWith("application/json")) {
        return "";
      }
      return json().path("error").asText("").trim();
    }
  }

  private final OkHttpClient client;
  private final HttpUrl base;
  private final Set<String> secrets;
  private final Deque<String> tokens; // the latest session tokens, also in secrets

  /**
   * @param client the client
   * @param base the endpoint without a trailing slash
   * @param secrets strings that never reach a message, even when KeyControl echoes them
   */
  KeyControlHttp(OkHttpClient client, HttpUrl base, List<String> secrets) {
    this.client = client;
    this.base = base;
    this.secrets = new CopyOnWriteArraySet<>(secrets);
    this.tokens = new ArrayDeque<>();
  }

  /** The same API over another client (one without retries, for the status probe). */
  KeyControlHttp with(OkHttpClient other) {
    return new KeyControlHttp(other, base, this);
  }

  /** Shares the redaction state of {@code shared}. */
  private KeyControlHttp(OkHttpClient client, HttpUrl base, KeyControlHttp shared) {
    this.client = client;
    this.base = base;
    this.secrets = shared.secrets;
    this.tokens = shared.tokens;
  }

  /**
   * {@code POST <endpoint>/vault/1.0/<operation>/[<argument>/]}.
   *
   * @param body the JSON body, or null for none
   * @param token the {@code X-Vault-Auth} token, or null for none
   * @param contentType whether to send {@code Content-Type: application/json}: KES sends it on the
   *     login only
   */
  Request post(
      String operation, String argument, JsonNode body, String token, boolean contentType) {
    HttpUrl.Builder url = base.newBuilder().addPathSegments("vault/1.0").addPathSegment(operation);
    if (argument != null) {
      url.addPathSegment(argument);
    }
    url.addPathSegment("");
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new KeyStoreException("keycontrol: failed to encode a request", e);
    }
    Request.Builder request =
        new Request.Builder()
            .url(url.build())
            .post(RequestBody.create(bytes, contentType ? JSON_TYPE : null));
    if (token != null) {
      request.header("X-Vault-Auth", token);
    }
    return request.build();
  }

  /**
   * Sends the request and reads the whole answer.
   *
   * @param context what the request does, for the message, such as {@code failed to create key 'a'}
   * @throws KeyStoreUnreachableException if KeyControl cannot be reached after the retries
   */
  Reply send(Request request, String context) {
    Reply reply;
    try (Response response = client.newCall(request).execute()) {
      MediaType type = response.body().contentType();
      reply =
          new Reply(response.code(), type == null ? "" : type.toString(), read(response.body()));
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "keycontrol: " + context + ": http: temporary network error: " + scrub(String.valueOf(e)),
          e);
    }
    if (reply.body().length > MAX_BODY) {
      throw new KeyStoreException(
          "keycontrol: " + context + ": response body larger than " + MAX_BODY + " bytes");
    }
    return reply;
  }

  /**
   * The exception for an error answer: {@code keycontrol: <context>: <error>} for a JSON error,
   * {@code keycontrol: <context>: <status>: <body>} otherwise; unreachable for a final 502, 503 or
   * 504.
   */
  KeyStoreException failure(Reply reply, String context) {
    String error = reply.error();
    String text =
        error.isEmpty()
            ? reply.status() + ": " + new String(reply.body(), StandardCharsets.UTF_8).trim()
            : error;
    String message = "keycontrol: " + context + ": " + scrub(text);
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

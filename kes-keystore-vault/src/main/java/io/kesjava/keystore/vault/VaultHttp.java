package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends one request to Vault's HTTP API and reads the JSON answer. Knows nothing of tokens' life:
 * the caller passes the token and namespace for each request.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
final class VaultHttp {

  /** Vault service, batch and recovery tokens (hvs., hvb., hvr.; legacy s., b., r.). */
  private static final Pattern TOKEN =
      Pattern.compile("\\b(?:hv[sbr]|[sbr])\\.[A-Za-z0-9_\\-.]{16,}");

  /** The largest answer read (KES's list limit, {@code docs/keystores/vault.md}). */
  static final int MAX_BODY = 32 << 20;

  private static final MediaType JSON = MediaType.get("application/json");

  /** One answer: its status and its JSON body (a missing node when empty or not JSON). */
  record Reply(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** Vault's {@code errors} joined with {@code ", "}; empty when there are none. */
    String errors() {
      List<String> out = new ArrayList<>();
      for (JsonNode e : body.path("errors")) {
        out.add(e.isTextual() ? e.textValue() : e.toString());
      }
      return String.join(", ", out);
    }
  }

  private final OkHttpClient client;
  private final HttpUrl base;
  private final ObjectMapper json;
  private final Redactor redactor;

  /**
   * The redactor of Vault's texts (error messages may echo a request: AppRole's {@code invalid
   * role_id "..."}, a transit error quoting the ciphertext): known secrets (login credentials,
   * tokens issued to this store, the values of the request at hand) and anything shaped like a
   * Vault token become {@code <redacted>}; secrets shorter than 4 characters are left alone, so
   * that they do not eat ordinary words; texts are cut after 1024 characters.
   */
  static Redactor redactor() {
    return Redactor.builder().mark("<redacted>").minLength(4).maxLength(1024).shape(TOKEN).build();
  }

  VaultHttp(OkHttpClient client, HttpUrl endpoint, ObjectMapper json, Redactor redactor) {
    this.client = client;
    this.base = endpoint.newBuilder().addPathSegment("v1").build();
    this.json = json;
    this.redactor = redactor;
  }

  ObjectMapper json() {
    return json;
  }

  /**
   * Sends {@code method /v1/<segments>?<query>} with an optional JSON body.
   *
   * @param token the {@code X-Vault-Token}, or null
   * @param namespace the {@code X-Vault-Namespace}, or empty for none
   * @param secrets strings of this request that must not reach a message if Vault echoes them
   * @throws KeyStoreUnreachableException if Vault cannot be reached or answers 503 (sealed, or
   *     standing by without an active node)
   */
  Reply send(
      String method,
      List<String> segments,
      Map<String, String> query,
      JsonNode body,
      String token,
      String namespace,
      Collection<String> secrets) {
    HttpUrl.Builder url = base.newBuilder();
    segments.forEach(url::addPathSegment);
    query.forEach(url::addQueryParameter);
    Request.Builder request = new Request.Builder().url(url.build());
    if (token != null) {
      request.header("X-Vault-Token", token);
    }
    if (!namespace.isEmpty()) {
      request.header("X-Vault-Namespace", namespace);
    }
    RequestBody requestBody = null;
    if (body != null) {
      try {
        requestBody = RequestBody.create(json.writeValueAsBytes(body), JSON);
      } catch (IOException e) {
        throw new KeyStoreException("vault: failed to encode a request", e);
      }
    }
    request.method(method, requestBody);
    Reply reply;
    try (Response response = client.newCall(request.build()).execute()) {
      reply = new Reply(response.code(), parse(response.body()));
    } catch (SSLHandshakeException | SSLPeerUnverifiedException e) {
      // A certificate problem is a setup error, not an outage.
      throw new KeyStoreException(
          "vault: TLS handshake with "
              + base.host()
              + ":"
              + base.port()
              + " failed: "
              + redactor.redact(String.valueOf(e.getMessage()), secrets),
          e);
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "vault: failed to reach "
              + base.host()
              + ":"
              + base.port()
              + ": "
              + redactor.redact(String.valueOf(e.getMessage()), secrets),
          e);
    }
    if (reply.status() == 503) {
      throw new KeyStoreUnreachableException(
          "vault: key store is not available: " + describe(reply, secrets));
    }
    return reply;
  }

  /** {@code <status> (<errors>)} with secrets scrubbed, for a message. */
  String describe(Reply reply, Collection<String> secrets) {
    String errors = redactor.redact(reply.errors(), secrets);
    return errors.isEmpty() ? String.valueOf(reply.status()) : reply.status() + " (" + errors + ")";
  }

  private JsonNode parse(ResponseBody body) throws IOException {
    byte[] bytes;
    try (InputStream in = body.byteStream()) {
      bytes = in.readNBytes(MAX_BODY + 1);
    }
    if (bytes.length > MAX_BODY) {
      throw new KeyStoreException("vault: response body larger than " + MAX_BODY + " bytes");
    }
    if (bytes.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      JsonNode node = json.readTree(bytes);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      // Not JSON, such as a proxy's HTML page: the status says enough.
      return MissingNode.getInstance();
    }
  }
}

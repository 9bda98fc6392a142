package io.kesjava.keystore.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Redactor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The REST transport of the vendor key stores (Fortanix, Gemalto, Entrust): sends a request
 * through the client with KES's {@link Retry} rule, reads the whole answer, and turns transport
 * failures and error answers into the SPI's exceptions, with the vendor's message prefix and the
 * vendor's error text, and with every secret redacted ({@code docs/keystores/README.md}).
 *
 * <ul>
 *   <li>A transport failure (after the retries) is a {@link KeyStoreUnreachableException}: {@code
 *       <prefix>: <context>: http: temporary network error: <exception>}.
 *   <li>An error answer is a {@link KeyStoreException} {@code <prefix>: <context>: <detail>} with
 *       the detail the {@link Dialect} words; a final 502, 503 or 504 (a gateway in front of a
 *       vendor that is down) is a {@link KeyStoreUnreachableException}.
 *   <li>What the vendor calls "exists" and "not found" is an {@link EntryExistsException} or {@link
 *       EntryNotFoundException}: {@code <prefix>: key '<name>' already exists}, {@code ... does not
 *       exist}.
 * </ul>
 *
 * <p>A store with short-lived session tokens attaches its {@link SessionTokens} ({@link
 * #withTokens}); requests built from the current token are then sent once more with a new token
 * when the vendor answers 401.
 *
 * <p>Shared plumbing of the REST key-store backends, not an API for applications: see the
 * {@linkplain io.kesjava.keystore.http package}. Thread-safety: safe for concurrent use.
 */
public final class RestTransport {

  /** The JSON mapper of request and answer bodies. */
  public static final ObjectMapper JSON = new ObjectMapper();

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** How a vendor's API answers: what counts as success, "exists", "not found", and its errors. */
  public interface Dialect {

    /** Whether the status is a success (default: any 2xx). */
    default boolean success(int status) {
      return status >= 200 && status < 300;
    }

    /** Whether an answer means the key exists already (to a create). */
    boolean exists(Reply reply);

    /** Whether an answer means the key does not exist. */
    boolean notFound(Reply reply);

    /**
     * What an error answer says, for the message after {@code <prefix>: <context>: }, such as
     * {@code 403: access denied}.
     *
     * @param redact removes secrets from vendor text and cuts it to a readable length
     */
    String errorDetail(Reply reply, UnaryOperator<String> redact);

    /** The largest answer read, in bytes (default 8 MiB). */
    default int maxBody() {
      return 8 << 20;
    }
  }

  /**
   * One answer.
   *
   * @param status the HTTP status
   * @param contentType the content type; empty when none
   * @param body the body
   * @param ok whether the status is a success in the vendor's {@link Dialect}
   */
  public record Reply(int status, String contentType, byte[] body, boolean ok) {

    /** Whether the body is declared as JSON. */
    public boolean isJson() {
      return contentType.startsWith("application/json");
    }

    /** The body as JSON; a missing node when it is empty or not JSON. */
    public JsonNode json() {
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

    /** The body as UTF-8 text, trimmed. */
    public String text() {
      return new String(body, StandardCharsets.UTF_8).trim();
    }

    /**
     * {@code <status>: <text>}, or the status alone when the text is empty: the usual detail of an
     * error answer.
     */
    public String statusAnd(String text) {
      return status + (text.isEmpty() ? "" : ": " + text);
    }
  }

  /** What every copy of a transport shares: all but the client and the session tokens. */
  private record Shared(
      RestVendor vendor,
      System.Logger log,
      HttpUrl endpoint,
      HttpUrl base,
      String display,
      Redactor redactor,
      AtomicBoolean closed) {}

  private final Shared shared;
  private final RestVendor vendor;
  private final OkHttpClient client;
  private final SessionTokens tokens;

  /**
   * @param vendor the vendor
   * @param log where the transport logs, such as the backend's package
   * @param client the client, with the retry rule installed
   * @param endpoint the endpoint as configured
   * @param redactor removes the store's secrets from every message
   */
  RestTransport(
      RestVendor vendor,
      System.Logger log,
      OkHttpClient client,
      HttpUrl endpoint,
      Redactor redactor) {
    this(
        new Shared(
            vendor,
            log,
            endpoint,
            trimmed(endpoint),
            display(endpoint),
            redactor,
            new AtomicBoolean()),
        client,
        null);
  }

  private RestTransport(Shared shared, OkHttpClient client, SessionTokens tokens) {
    this.shared = shared;
    this.vendor = shared.vendor();
    this.client = client;
    this.tokens = tokens;
  }

  /** The same transport, sending requests built from the current token of {@code tokens}. */
  public RestTransport withTokens(SessionTokens tokens) {
    return new RestTransport(shared, client, Objects.requireNonNull(tokens, "tokens"));
  }

  /** The same transport without the retry rule: for a status probe, which is tried once. */
  public RestTransport withoutRetries() {
    OkHttpClient.Builder plain = client.newBuilder();
    plain.interceptors().clear();
    return new RestTransport(shared, plain.build(), tokens);
  }

  /** The vendor's message prefix, such as {@code fortanix}. */
  public String prefix() {
    return vendor.prefix();
  }

  /** The endpoint for messages: without user info or a trailing slash. */
  public String endpoint() {
    return shared.display();
  }

  /** {@code <name>: <endpoint>}, such as {@code Fortanix SDKMS: https://sdkms.fortanix.com}. */
  public String description() {
    return vendor.name() + ": " + shared.display();
  }

  /** The redactor of the store's secrets, which also learns the session tokens. */
  public Redactor redactor() {
    return shared.redactor();
  }

  /** A request to {@code <endpoint>/<path>}; {@code path} has no leading slash. */
  public Request.Builder request(String path) {
    return new Request.Builder().url(url(path).build());
  }

  /** The URL {@code <endpoint>/<path>}, to add path segments or query parameters to. */
  public HttpUrl.Builder url(String path) {
    return shared.base().newBuilder().addEncodedPathSegments(path);
  }

  /** A JSON request body, with its content type. */
  public RequestBody body(JsonNode json) {
    return RequestBody.create(encode(json), JSON_TYPE);
  }

  /** The bytes of a JSON request body. */
  public byte[] encode(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (IOException e) {
      throw new KeyStoreException(vendor.prefix() + ": failed to encode a request", e);
    }
  }

  /** An empty request body, without a content type, for a POST without one. */
  public static RequestBody empty() {
    return RequestBody.create(new byte[0], null);
  }

  /**
   * Sends the request and reads the whole answer.
   *
   * @param context what the request does, for messages, such as {@code failed to create key 'a'}
   * @throws KeyStoreUnreachableException if the vendor cannot be reached after the retries
   * @throws KeyStoreException if the answer is larger than the dialect allows
   */
  public Reply send(Request request, String context) {
    Reply reply;
    try (Response response = client.newCall(request).execute()) {
      MediaType type = response.body().contentType();
      int status = response.code();
      reply =
          new Reply(
              status,
              type == null ? "" : type.toString(),
              read(response.body()),
              vendor.dialect().success(status));
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          message(context, "http: temporary network error: " + redact(String.valueOf(e))), e);
    }
    if (reply.body().length > vendor.dialect().maxBody()) {
      throw error(context, "response body larger than " + vendor.dialect().maxBody() + " bytes");
    }
    return reply;
  }

  /**
   * Sends the request built from the current session token ({@code null} when the transport has
   * none); when the vendor answers 401, drops the token and sends the request once more with a new
   * one.
   *
   * @throws KeyStoreUnreachableException if the vendor cannot be reached, or no token can be had
   *     because it cannot be reached
   * @throws KeyStoreException if no token can be had
   */
  public Reply send(Function<String, Request> request, String context) {
    if (tokens == null) {
      return send(request.apply(null), context);
    }
    String token = tokens.current();
    Reply reply = send(request.apply(token), context);
    if (reply.status() == 401) {
      tokens.invalidate(token);
      reply = send(request.apply(tokens.current()), context);
    }
    return reply;
  }

  /**
   * Creates a key: sends the request and returns on success. When the vendor answers "exists",
   * and the request was sent more than once ({@link Retry}), an earlier attempt whose answer was
   * lost may have stored the value: if {@code stored} reads back this very value, the create
   * succeeded.
   *
   * @param stored reads the stored value of a name, as {@code KeyStore.get}
   * @throws EntryExistsException if the key exists
   */
  public void create(
      String name,
      byte[] value,
      Function<String, Request> request,
      Function<String, byte[]> stored,
      String context) {
    Retry.Attempts attempts = new Retry.Attempts();
    Reply reply =
        send(
            token ->
                request.apply(token).newBuilder().tag(Retry.Attempts.class, attempts).build(),
            context);
    if (reply.ok()) {
      return;
    }
    if (vendor.dialect().exists(reply)) {
      if (attempts.count() > 1 && storedEquals(stored, name, value)) {
        return;
      }
      throw new EntryExistsException(vendor.prefix() + ": key '" + name + "' already exists");
    }
    throw failure(reply, context);
  }

  /**
   * The answer to a request about one key, if it is a success.
   *
   * @throws EntryNotFoundException if the vendor says the key does not exist
   * @throws KeyStoreException for any other error answer, as {@link #failure}
   */
  public Reply found(Reply reply, String name, String context) {
    if (vendor.dialect().notFound(reply)) {
      throw notFound(name);
    }
    if (!reply.ok()) {
      throw failure(reply, context);
    }
    return reply;
  }

  /** {@code <prefix>: key '<name>' does not exist}. */
  public EntryNotFoundException notFound(String name) {
    return new EntryNotFoundException(vendor.prefix() + ": key '" + name + "' does not exist");
  }

  /**
   * The exception for an error answer: {@code <prefix>: <context>: <detail>}; unreachable for 502,
   * 503 and 504, which a gateway in front of the vendor answers when the vendor is down.
   */
  public KeyStoreException failure(Reply reply, String context) {
    String message = message(context, vendor.dialect().errorDetail(reply, this::redact));
    if (reply.status() == 502 || reply.status() == 503 || reply.status() == 504) {
      return new KeyStoreUnreachableException(message);
    }
    return new KeyStoreException(message);
  }

  /** {@code <prefix>: <context>: <problem>}, for an answer that makes no sense. */
  public KeyStoreException error(String context, String problem) {
    return new KeyStoreException(message(context, problem));
  }

  /**
   * The stored value that the text field {@code field} of a JSON answer holds, such as the answer
   * to a get.
   *
   * @param decode turns the text into the value, such as {@code Base64.getDecoder()::decode};
   *     throws {@link IllegalArgumentException} for text it refuses
   * @param invalid the problem when {@code decode} refuses the text, such as {@code the value is
   *     not valid Base64}
   * @throws KeyStoreException {@code <prefix>: <context>: the answer has no <field>} if the field
   *     is missing or not text, or {@code <prefix>: <context>: <invalid>}
   */
  public byte[] storedValue(
      JsonNode answer,
      String field,
      Function<String, byte[]> decode,
      String invalid,
      String context) {
    JsonNode text = answer.path(field);
    if (!text.isTextual()) {
      throw error(context, "the answer has no " + field);
    }
    try {
      return decode.apply(text.textValue());
    } catch (IllegalArgumentException e) {
      throw error(context, invalid);
    }
  }

  /**
   * The status probe KES uses for REST stores: a plain {@code GET} of the endpoint, without
   * credentials and without retries. Any HTTP answer means reachable.
   *
   * @return how long the answer took
   * @throws KeyStoreUnreachableException if no HTTP answer arrives
   */
  public Duration probe() {
    long start = System.nanoTime();
    OkHttpClient plain = withoutRetries().client;
    Request probe = new Request.Builder().url(shared.endpoint()).build();
    try (Response response = plain.newCall(probe).execute()) {
      shared.log().log(Level.TRACE, "{0}: status probe answered {1}", vendor.prefix(), response.code());
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          vendor.prefix()
              + ": failed to reach '"
              + shared.display()
              + "': "
              + redact(String.valueOf(e)),
          e);
    }
  }

  /** {@code text} without the secrets and cut to a readable length. */
  public String redact(String text) {
    return shared.redactor().redact(text);
  }

  /**
   * Refuses a request after {@link #close()}.
   *
   * @throws IllegalStateException if closed
   */
  public void checkOpen() {
    if (shared.closed().get()) {
      throw new IllegalStateException(vendor.prefix() + ": the key store is closed");
    }
  }

  /** Refuses further requests and drops idle connections. */
  public void close() {
    shared.closed().set(true);
    client.connectionPool().evictAll();
  }

  private String message(String context, String detail) {
    return vendor.prefix() + ": " + context + ": " + detail;
  }

  private static boolean storedEquals(
      Function<String, byte[]> stored, String name, byte[] value) {
    try {
      return MessageDigest.isEqual(stored.apply(name), value);
    } catch (KeyStoreException e) {
      return false;
    }
  }

  /** At most {@code maxBody + 1} bytes, so that the caller can tell an oversized body. */
  private byte[] read(ResponseBody body) throws IOException {
    try (InputStream in = body.byteStream()) {
      return in.readNBytes(vendor.dialect().maxBody() + 1);
    }
  }

  /** The endpoint without a trailing slash: paths are appended to it. */
  private static HttpUrl trimmed(HttpUrl url) {
    String text = url.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return HttpUrl.get(text);
  }

  /** The endpoint for messages: without user info or a trailing slash. */
  static String display(HttpUrl url) {
    String text = url.newBuilder().username("").password("").build().toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}

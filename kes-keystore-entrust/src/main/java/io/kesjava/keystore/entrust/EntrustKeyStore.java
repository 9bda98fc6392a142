package io.kesjava.keystore.entrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.http.HttpClients;
import io.kesjava.keystore.http.Retry;
import io.kesjava.keystore.http.TrustedCas;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * A key store on Entrust KeyControl ({@code docs/keystores/entrust.md}): each entry is a secret
 * named after the key in one box of one vault, whose {@code secret_data} is the Base64 of the
 * stored value, exactly as KES creates them, so that KES and kes-java read each other's keys.
 *
 * <p>Requests carry the session token of a login with username and password ({@code X-Vault-Auth});
 * the session is renewed after half its remaining lifetime and, when that fails, opened again (see
 * {@link Sessions}). A request that KeyControl answers with 401 logs in again and is sent once
 * more. Requests are retried as {@code docs/keystores/entrust.md} says.
 *
 * <p>Listing follows KeyControl's {@code next_token} to the end, keeps the names of secrets that
 * have not expired, and then applies prefix, cursor and page size; KES's last version returns as
 * many empty names as there are secrets before the real ones.
 *
 * <p>Thread-safety: safe for concurrent use. Security: the password and the session tokens never
 * reach a log, an exception message or {@link #toString()}.
 */
public final class EntrustKeyStore implements KeyStore {

  private static final int LIST_PAGE_SIZE = 256;
  private static final String EXISTS = "Secret already exists";
  private static final String NOT_FOUND = "Secret not found";

  private final String endpoint;
  private final String boxId;
  private final OkHttpClient client;
  private final KeyControlHttp http;
  private final KeyControlHttp statusHttp;
  private final Sessions sessions;
  private volatile boolean closed;

  private EntrustKeyStore(Builder builder, OkHttpClient client) {
    this.endpoint = display(builder.endpoint);
    this.boxId = builder.boxId;
    this.client = client;
    this.http = new KeyControlHttp(client, trimmed(builder.endpoint), List.of(builder.password));
    OkHttpClient.Builder plain = client.newBuilder();
    plain.interceptors().clear();
    this.statusHttp = http.with(plain.build());
    this.sessions =
        new Sessions(http, builder.vaultId, builder.username, builder.password, builder.clock);
  }

  /** A new builder with KES's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    open();
    ObjectNode body = box();
    body.put("name", name);
    body.put("secret_data", Base64.getEncoder().encodeToString(value));
    Retry.Attempts attempts = new Retry.Attempts();
    String context = "failed to create key '" + name + "'";
    KeyControlHttp.Reply reply =
        send(
            http,
            token ->
                http.post("CreateSecret", null, body, token, false)
                    .newBuilder()
                    .tag(Retry.Attempts.class, attempts)
                    .build(),
            context);
    if (reply.ok()) {
      return;
    }
    if (reply.status() == 409 && EXISTS.equals(reply.error())) {
      // A retried create may have been stored by an attempt whose answer was lost.
      if (attempts.count() > 1 && storedValueEquals(name, value)) {
        return;
      }
      throw new EntryExistsException("keycontrol: key '" + name + "' already exists");
    }
    throw http.failure(reply, context);
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to fetch key '" + name + "'";
    ObjectNode body = box().put("secret_id", name);
    KeyControlHttp.Reply reply =
        send(http, token -> http.post("CheckoutSecret", null, body, token, false), context);
    notFound(reply, name);
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    JsonNode data = reply.json().path("secret_data");
    if (!data.isTextual()) {
      throw new KeyStoreException("keycontrol: " + context + ": the answer has no secret_data");
    }
    try {
      return Base64.getDecoder().decode(data.textValue());
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException("keycontrol: " + context + ": the secret is not valid Base64");
    }
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to delete key '" + name + "'";
    ObjectNode body = box().put("secret_id", name);
    KeyControlHttp.Reply reply =
        send(http, token -> http.post("DeleteSecret", null, body, token, false), context);
    notFound(reply, name);
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    open();
    String context = "failed to list keys";
    Set<String> names = new HashSet<>();
    Set<String> tokensSeen = new HashSet<>();
    String nextToken = "";
    while (true) {
      ObjectNode body = box().put("max_items", LIST_PAGE_SIZE);
      if (!nextToken.isEmpty()) {
        body.put("next_token", nextToken);
      }
      KeyControlHttp.Reply reply =
          send(http, token -> http.post("ListSecretIds", null, body, token, false), context);
      if (!reply.ok()) {
        throw http.failure(reply, context);
      }
      JsonNode page = reply.json();
      for (JsonNode secret : page.path("secrets")) {
        String name = secret.path("name").asText("");
        // KES's last version lists one empty name per secret before the real ones: not here.
        if (!name.isEmpty() && !secret.path("expired").asBoolean(false)) {
          names.add(name);
        }
      }
      nextToken = page.path("next_token").asText("");
      if (nextToken.isEmpty()) {
        return KeyListing.page(names, prefix, continueAt, limit);
      }
      if (!tokensSeen.add(nextToken)) {
        throw new KeyStoreException(
            "keycontrol: " + context + ": the listing does not advance (next_token repeats)");
      }
    }
  }

  /** Fetches the box, as KES does: {@code POST /vault/1.0/GetBox/}, with the session token. */
  @Override
  public Duration status() {
    open();
    long start = System.nanoTime();
    String context = "failed to fetch status";
    KeyControlHttp.Reply reply =
        send(statusHttp, token -> statusHttp.post("GetBox", null, box(), token, false), context);
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code Entrust KeyControl: <endpoint>}. */
  @Override
  public String description() {
    return "Entrust KeyControl: " + endpoint;
  }

  @Override
  public void close() {
    closed = true;
    client.connectionPool().evictAll();
  }

  /** The description; never a credential. */
  @Override
  public String toString() {
    return description();
  }

  /** Logs in and checks the box, as KES does when it connects. */
  private void connect() {
    sessions.current();
    status();
  }

  /** Sends the request with the session token; once more after a new login on a 401. */
  private KeyControlHttp.Reply send(
      KeyControlHttp via, Function<String, Request> request, String context) {
    String token = sessions.current();
    KeyControlHttp.Reply reply = via.send(request.apply(token), context);
    if (reply.status() == 401) {
      sessions.invalidate(token);
      reply = via.send(request.apply(sessions.current()), context);
    }
    return reply;
  }

  private ObjectNode box() {
    return KeyControlHttp.JSON.createObjectNode().put("box_id", boxId);
  }

  private static void notFound(KeyControlHttp.Reply reply, String name) {
    if (reply.status() == 404 && NOT_FOUND.equals(reply.error())) {
      throw new EntryNotFoundException("keycontrol: key '" + name + "' does not exist");
    }
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the Entrust key store is closed");
    }
  }

  private boolean storedValueEquals(String name, byte[] value) {
    try {
      return MessageDigest.isEqual(get(name), value);
    } catch (KeyStoreException e) {
      return false;
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
  private static String display(HttpUrl url) {
    String text = url.newBuilder().username("").password("").build().toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }

  /**
   * Collects the settings of an {@link EntrustKeyStore} ({@code
   * docs/keystores/entrust.md#configuration}) and connects.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the password.
   */
  public static final class Builder {

    private HttpUrl endpoint;
    private String vaultId;
    private String boxId;
    private String username;
    private String password;
    private TrustedCas trustedCas;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration retryBase = Duration.ofMillis(200);
    private Duration retryJitter = Duration.ofMillis(800);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The KeyControl endpoint, such as {@code https://keycontrol.example.com}; required.
     *
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public Builder endpoint(String endpoint) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint").trim());
      if (url == null) {
        throw new IllegalArgumentException(
            "not an http or https URL, such as https://keycontrol.example.com");
      }
      this.endpoint = url;
      return this;
    }

    /** The id of the KeyControl vault; required. */
    public Builder vaultId(String vaultId) {
      this.vaultId = Objects.requireNonNull(vaultId, "vaultId");
      return this;
    }

    /** The id or name of the box that holds the keys; required. */
    public Builder boxId(String boxId) {
      this.boxId = Objects.requireNonNull(boxId, "boxId");
      return this;
    }

    /** The user that logs in; required. */
    public Builder username(String username) {
      this.username = Objects.requireNonNull(username, "username");
      return this;
    }

    /** The user's password; required. */
    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /**
     * Trusts the CA certificates of this PEM file, or of every file of this directory, in addition
     * to the system roots ({@code docs/keystores/entrust.md}). The files are read now.
     *
     * @throws IllegalArgumentException if a file cannot be read or holds no certificate
     */
    public Builder caCertificates(Path path) {
      this.trustedCas = TrustedCas.load(Objects.requireNonNull(path, "path"), true);
      return this;
    }

    /**
     * How long one attempt of a request may wait to send or read (default 10 s); connecting may
     * take up to 30 s as in KES.
     */
    public Builder timeout(Duration timeout) {
      this.timeout = HttpClients.requirePositive(timeout);
      return this;
    }

    /**
     * The wait between attempts of a failed request: {@code base} plus a random part below {@code
     * jitter}. KES waits 200 ms plus up to 800 ms (the default); tests use zero.
     */
    public Builder retryBackoff(Duration base, Duration jitter) {
      HttpClients.requireBackoff(base, jitter);
      this.retryBase = base;
      this.retryJitter = jitter;
      return this;
    }

    /** The clock that decides when a session is renewed (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store and connects: logs in and fetches the box, as KES does.
     *
     * @throws IllegalStateException if a required setting is not set
     * @throws KeyStoreUnreachableException if KeyControl cannot be reached
     * @throws KeyStoreException if KeyControl refuses the login or does not know the box
     */
    public EntrustKeyStore build() {
      require(endpoint != null, "endpoint");
      require(vaultId != null && !vaultId.isEmpty(), "vault ID");
      require(boxId != null && !boxId.isEmpty(), "box ID");
      require(username != null && !username.isEmpty(), "username");
      require(password != null && !password.isEmpty(), "password");
      // Retries log under this module's name, as when each module had its own Retry.
      OkHttpClient client =
          HttpClients.client(
              Duration.ofSeconds(30),
              Duration.ofSeconds(90),
              timeout,
              new Retry(
                  retryBase, retryJitter, System.getLogger("io.kesjava.keystore.entrust.Retry")),
              trustedCas);
      EntrustKeyStore store = new EntrustKeyStore(this, client);
      try {
        store.connect();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    }

    private static void require(boolean set, String what) {
      if (!set) {
        throw new IllegalStateException("the KeyControl " + what + " is not set");
      }
    }

    /** The settings, without the password. */
    @Override
    public String toString() {
      return "EntrustKeyStore.Builder[endpoint="
          + (endpoint == null ? "unset" : display(endpoint))
          + ", vaultId="
          + vaultId
          + ", boxId="
          + boxId
          + ", username="
          + username
          + ", password="
          + (password == null ? "unset" : "[redacted]")
          + ", customCa="
          + (trustedCas != null)
          + "]";
    }
  }
}

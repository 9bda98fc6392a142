package io.kesjava.keystore.gemalto;

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
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A key store on Gemalto KeySecure / Thales CipherTrust Manager ({@code
 * docs/keystores/gemalto.md}): each entry is a vault secret named after the key, of data type
 * {@code seed}, whose {@code material} is the stored text, exactly as KES creates them, so that KES
 * and kes-java read each other's keys. (Values that are not text, which KES never writes, are
 * stored as described in {@link Material}.)
 *
 * <p>Requests carry a short-lived bearer token obtained with the refresh token and renewed after
 * half its lifetime (see {@link AuthTokens}); a request that KeySecure answers with 401 gets a new
 * token and is sent once more. Requests are retried as {@code docs/keystores/gemalto.md} says.
 *
 * <p>Deleting a missing key succeeds, as in KES: KeySecure answers 404 both for a missing secret
 * and for one the caller may not see.
 *
 * <p>Thread-safety: safe for concurrent use. Security: the refresh token and the bearer tokens
 * never reach a log, an exception message or {@link #toString()}.
 */
public final class GemaltoKeyStore implements KeyStore {

  private static final System.Logger LOG = System.getLogger(GemaltoKeyStore.class.getName());
  private static final int LIST_PAGE_SIZE = 200;

  private final HttpUrl statusUrl;
  private final String endpoint;
  private final OkHttpClient client;
  private final OkHttpClient statusClient;
  private final KeySecureHttp http;
  private final AuthTokens tokens;
  private volatile boolean closed;

  private GemaltoKeyStore(Builder builder, OkHttpClient client) {
    this.statusUrl = builder.endpoint;
    this.endpoint = display(statusUrl);
    this.client = client;
    OkHttpClient.Builder plain = client.newBuilder();
    plain.interceptors().clear();
    this.statusClient = plain.build();
    this.http = new KeySecureHttp(client, trimmed(statusUrl), List.of(builder.refreshToken));
    this.tokens =
        new AuthTokens(http, builder.refreshToken, builder.domain, builder.clock, builder.retry);
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
    ObjectNode body = KeySecureHttp.JSON.createObjectNode();
    body.put("dataType", "seed");
    body.put("material", Material.encode(value));
    body.put("name", name);
    Retry.Attempts attempts = new Retry.Attempts();
    String context = "failed to create key '" + name + "'";
    KeySecureHttp.Reply reply =
        send(
            token ->
                bearer(http.request("api/v1/vault/secrets"), token)
                    .post(KeySecureHttp.body(body))
                    .tag(Retry.Attempts.class, attempts)
                    .build(),
            context);
    if (reply.ok()) {
      return;
    }
    if (reply.status() == 409) {
      // A retried create may have been stored by an attempt whose answer was lost.
      if (attempts.count() > 1 && storedValueEquals(name, value)) {
        return;
      }
      throw new EntryExistsException("gemalto: key '" + name + "' already exists");
    }
    throw http.failure(reply, context);
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to access key '" + name + "'";
    HttpUrl url = secret(name).addPathSegment("export").addQueryParameter("type", "name").build();
    KeySecureHttp.Reply reply =
        send(
            token ->
                bearer(new Request.Builder().url(url), token).post(KeySecureHttp.empty()).build(),
            context);
    if (reply.status() == 404) {
      throw new EntryNotFoundException("gemalto: key '" + name + "' does not exist");
    }
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    JsonNode material = reply.json().path("material");
    if (!material.isTextual()) {
      throw new KeyStoreException("gemalto: " + context + ": the answer has no material");
    }
    try {
      return Material.decode(material.textValue());
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException("gemalto: " + context + ": the material is not valid");
    }
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to delete key '" + name + "'";
    HttpUrl url = secret(name).addQueryParameter("type", "name").build();
    KeySecureHttp.Reply reply =
        send(token -> bearer(new Request.Builder().url(url), token).delete().build(), context);
    // 404 also means "not allowed to see it" (docs/keystores/gemalto.md): KES treats both as
    // success.
    if (!reply.ok() && reply.status() != 404) {
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
    long skip = 0;
    while (true) {
      HttpUrl url =
          http.url("api/v1/vault/secrets")
              .addQueryParameter("limit", Integer.toString(LIST_PAGE_SIZE))
              .addQueryParameter("skip", Long.toString(skip))
              .build();
      KeySecureHttp.Reply reply =
          send(token -> bearer(new Request.Builder().url(url), token).get().build(), context);
      if (!reply.ok()) {
        throw http.failure(reply, context);
      }
      JsonNode page = reply.json();
      long skipped = page.path("skip").asLong(-1);
      if (skipped != skip) {
        throw new KeyStoreException(
            "gemalto: "
                + context
                + ": pagination is out-of-sync: tried to skip "
                + skip
                + " but skipped "
                + skipped);
      }
      JsonNode resources = page.path("resources");
      for (JsonNode resource : resources) {
        String name = resource.path("name").asText("");
        if (!name.isEmpty()) {
          names.add(name);
        }
      }
      skip += resources.size();
      // An empty page ends the listing too, so that a total that is too high cannot loop forever.
      if (resources.size() == 0 || skip >= page.path("total").asLong(0)) {
        return KeyListing.page(names, prefix, continueAt, limit);
      }
    }
  }

  @Override
  public Duration status() {
    open();
    long start = System.nanoTime();
    Request probe = new Request.Builder().url(statusUrl).build();
    try (Response response = statusClient.newCall(probe).execute()) {
      // Any HTTP answer means KeySecure is reachable (docs/keystores/gemalto.md).
      LOG.log(System.Logger.Level.TRACE, "gemalto: status probe answered {0}", response.code());
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "gemalto: failed to reach '" + endpoint + "': " + http.scrub(String.valueOf(e)), e);
    }
  }

  /** {@code Gemalto KeySecure: <endpoint>}. */
  @Override
  public String description() {
    return "Gemalto KeySecure: " + endpoint;
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

  /** Gets the first token, as KES does when it connects; a failure aborts the build. */
  private void connect() {
    tokens.current();
  }

  /** Sends the request with the current token; once more with a new token after a 401. */
  private KeySecureHttp.Reply send(Function<String, Request> request, String context) {
    String token = tokens.current();
    KeySecureHttp.Reply reply = http.send(request.apply(token), context);
    if (reply.status() == 401) {
      tokens.invalidate(token);
      reply = http.send(request.apply(tokens.current()), context);
    }
    return reply;
  }

  private static Request.Builder bearer(Request.Builder request, String token) {
    return request.header("Authorization", "Bearer " + token);
  }

  private HttpUrl.Builder secret(String name) {
    return http.url("api/v1/vault/secrets").addPathSegment(name);
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the Gemalto key store is closed");
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
   * Collects the settings of a {@link GemaltoKeyStore} ({@code
   * docs/keystores/gemalto.md#configuration}) and connects.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the refresh token.
   */
  public static final class Builder {

    private HttpUrl endpoint;
    private String refreshToken;
    private String domain = "";
    private Duration retry = Duration.ofSeconds(5);
    private TrustedCas trustedCas;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration retryBase = Duration.ofMillis(200);
    private Duration retryJitter = Duration.ofMillis(800);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * The KeySecure endpoint, such as {@code https://127.0.0.1}; required.
     *
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public Builder endpoint(String endpoint) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint").trim());
      if (url == null) {
        throw new IllegalArgumentException("not an http or https URL, such as https://127.0.0.1");
      }
      this.endpoint = url;
      return this;
    }

    /** The refresh token that short-lived auth tokens are obtained with; required. */
    public Builder refreshToken(String refreshToken) {
      this.refreshToken = Objects.requireNonNull(refreshToken, "refreshToken");
      return this;
    }

    /** The domain the refresh token belongs to; empty (the default) for the root domain. */
    public Builder domain(String domain) {
      this.domain = Objects.requireNonNull(domain, "domain");
      return this;
    }

    /**
     * How long to wait after a failed attempt to get an auth token before the next one (default 5
     * s, KES's fixed value; KES's config template shows 15 s).
     */
    public Builder retryInterval(Duration retry) {
      if (retry.isNegative()) {
        throw new IllegalArgumentException("the retry interval must not be negative");
      }
      this.retry = retry;
      return this;
    }

    /**
     * Trusts only the CA certificates of this PEM file, or of every file of this directory, instead
     * of the system roots ({@code docs/keystores/gemalto.md}). The files are read now.
     *
     * @throws IllegalArgumentException if a file cannot be read or holds no certificate
     */
    public Builder caCertificates(Path path) {
      this.trustedCas = TrustedCas.load(Objects.requireNonNull(path, "path"), false);
      return this;
    }

    /** How long one attempt of a request may wait to send or read (default 10 s). */
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

    /** The clock that decides when a token is renewed (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the store and connects: obtains the first auth token, as KES does.
     *
     * @throws IllegalStateException if the endpoint or the refresh token is not set
     * @throws KeyStoreUnreachableException if KeySecure cannot be reached
     * @throws KeyStoreException if KeySecure refuses the refresh token
     */
    public GemaltoKeyStore build() {
      if (endpoint == null) {
        throw new IllegalStateException("the KeySecure endpoint is not set");
      }
      if (refreshToken == null || refreshToken.isEmpty()) {
        throw new IllegalStateException("the KeySecure refresh token is not set");
      }
      // Retries log under this module's name, as when each module had its own Retry.
      OkHttpClient client =
          HttpClients.client(
              Duration.ofSeconds(10),
              Duration.ofSeconds(30),
              timeout,
              new Retry(
                  retryBase, retryJitter, System.getLogger("io.kesjava.keystore.gemalto.Retry")),
              trustedCas);
      GemaltoKeyStore store = new GemaltoKeyStore(this, client);
      try {
        store.connect();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    }

    /** The settings, without the refresh token. */
    @Override
    public String toString() {
      return "GemaltoKeyStore.Builder[endpoint="
          + (endpoint == null ? "unset" : display(endpoint))
          + ", refreshToken="
          + (refreshToken == null ? "unset" : "[redacted]")
          + ", domain="
          + domain
          + ", retryInterval="
          + retry
          + ", customCa="
          + (trustedCas != null)
          + "]";
    }
  }
}

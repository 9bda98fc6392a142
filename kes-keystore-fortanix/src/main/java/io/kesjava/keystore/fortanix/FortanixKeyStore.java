package io.kesjava.keystore.fortanix;

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
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A key store on Fortanix SDKMS / Data Security Manager ({@code docs/keystores/fortanix.md}): each
 * entry is an {@code OPAQUE} security object named after the key, whose value is the Base64 of the
 * stored value, exactly as KES creates them, so that KES and kes-java read each other's keys.
 *
 * <p>Every data request authenticates with the application's API key ({@code Authorization: Basic
 * <key>}, as KES does). When the store is built it checks SDKMS's health, opens a session with the
 * key to prove that the key is valid, and ends that session at once; nothing depends on a session
 * afterwards, so there is no token to expire. Requests are retried as {@code
 * docs/keystores/fortanix.md} says.
 *
 * <p>Listing fetches every name page by page (100 a page, sorted by name, each page starting at the
 * last name of the one before) and stops at an empty page or a page without a new name, so it ends
 * whether SDKMS's {@code start} is inclusive or not; KES's last version never ends once a key
 * exists. Deleting looks the object up with {@code /crypto/v1/keys/info} (KES exports the value
 * just to learn the object's id) and deletes it by id.
 *
 * <p>Thread-safety: safe for concurrent use. Security: the API key never reaches a log, an
 * exception message or {@link #toString()}.
 */
public final class FortanixKeyStore implements KeyStore {

  private static final System.Logger LOG = System.getLogger(FortanixKeyStore.class.getName());

  private static final int LIST_PAGE_SIZE = 100;
  private static final String EXISTS = "sobject already exists";
  private static final String NOT_FOUND = "sobject does not exist";

  private final HttpUrl statusUrl;
  private final String endpoint;
  private final String groupId;
  private final String authorization;
  private final OkHttpClient client;
  private final OkHttpClient statusClient;
  private final SdkmsHttp http;
  private volatile boolean closed;

  private FortanixKeyStore(Builder builder, OkHttpClient client) {
    this.statusUrl = builder.endpoint;
    this.endpoint = display(statusUrl);
    this.groupId = builder.groupId;
    this.authorization = "Basic " + builder.apiKey;
    this.client = client;
    // The status probe is one plain GET: no retries, no credentials.
    OkHttpClient.Builder plain = client.newBuilder();
    plain.interceptors().clear();
    this.statusClient = plain.build();
    this.http = new SdkmsHttp(client, trimmed(statusUrl), List.of(builder.apiKey));
  }

  /** A new builder with KES's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks health and the API key as KES does when it connects ({@code
   * docs/keystores/fortanix.md}).
   */
  void connect() {
    SdkmsHttp.Reply health =
        http.send(
            http.request("sys/v1/health").header("Authorization", authorization).get().build(),
            "failed to connect to '" + endpoint + "'");
    if (!health.ok()) {
      throw http.failure(health, "failed to connect to '" + endpoint + "'");
    }
    String context = "failed to authenticate to '" + endpoint + "'";
    SdkmsHttp.Reply auth =
        http.send(
            http.request("sys/v1/session/auth")
                .header("Authorization", authorization)
                .post(SdkmsHttp.empty())
                .build(),
            context);
    if (!auth.ok()) {
      throw http.failure(auth, context);
    }
    String token = auth.json().path("access_token").asText("");
    if (token.isEmpty()) {
      throw new KeyStoreException("fortanix: " + context + ": the answer has no access token");
    }
    SdkmsHttp.Reply terminate =
        http.send(
            http.request("sys/v1/session/terminate")
                .header("Authorization", "Bearer " + token)
                .post(SdkmsHttp.empty())
                .build(),
            context);
    if (!terminate.ok()) {
      throw http.failure(terminate, context);
    }
    LOG.log(System.Logger.Level.DEBUG, "fortanix: connected to {0}", endpoint);
  }

  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    open();
    ObjectNode body = SdkmsHttp.JSON.createObjectNode();
    body.put("obj_type", "OPAQUE");
    body.put("name", name);
    if (!groupId.isEmpty()) {
      body.put("group_id", groupId);
    }
    body.putArray("key_ops").add("EXPORT").add("APPMANAGEABLE");
    body.put("value", Base64.getEncoder().encodeToString(value));
    body.put("enabled", true);
    Retry.Attempts attempts = new Retry.Attempts();
    String context = "failed to create key '" + name + "'";
    SdkmsHttp.Reply reply =
        http.send(
            authorized("crypto/v1/keys")
                .put(SdkmsHttp.body(body))
                .tag(Retry.Attempts.class, attempts)
                .build(),
            context);
    if (reply.ok()) {
      return;
    }
    if (reply.status() == 409 && EXISTS.equalsIgnoreCase(reply.errorText())) {
      // A retried create may have been stored by an attempt whose answer was lost.
      if (attempts.count() > 1 && storedValueEquals(name, value)) {
        return;
      }
      throw new EntryExistsException("fortanix: key '" + name + "' already exists");
    }
    throw http.failure(reply, context);
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to fetch '" + name + "'";
    SdkmsHttp.Reply reply = http.send(byName("crypto/v1/keys/export", name), context);
    JsonNode object = found(reply, name, context);
    if (object.path("enabled").isBoolean() && !object.path("enabled").booleanValue()) {
      throw new KeyStoreException(
          "fortanix: "
              + context
              + ": key has been disabled and cannot be used until enabled again");
    }
    JsonNode value = object.path("value");
    if (!value.isTextual()) {
      throw new KeyStoreException("fortanix: " + context + ": the answer has no value");
    }
    try {
      return Base64.getDecoder().decode(value.textValue());
    } catch (IllegalArgumentException e) {
      throw new KeyStoreException("fortanix: " + context + ": the value is not valid Base64");
    }
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    open();
    String context = "failed to delete '" + name + "'";
    JsonNode object = found(http.send(byName("crypto/v1/keys/info", name), context), name, context);
    String kid = object.path("kid").asText("");
    if (kid.isEmpty()) {
      throw new KeyStoreException("fortanix: " + context + ": the answer has no key id");
    }
    HttpUrl url = http.url("crypto/v1/keys").addPathSegment(kid).build();
    SdkmsHttp.Reply reply =
        http.send(
            new Request.Builder().url(url).header("Authorization", authorization).delete().build(),
            context);
    if (reply.status() == 404) {
      throw new EntryNotFoundException("fortanix: key '" + name + "' does not exist");
    }
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    open();
    Set<String> names = new HashSet<>();
    String start = null;
    while (true) {
      HttpUrl.Builder url =
          http.url("crypto/v1/keys")
              .addEncodedQueryParameter("sort", "name:asc")
              .addQueryParameter("limit", Integer.toString(LIST_PAGE_SIZE));
      if (start != null) {
        url.addQueryParameter("start", start);
      }
      SdkmsHttp.Reply reply =
          http.send(
              new Request.Builder()
                  .url(url.build())
                  .header("Authorization", authorization)
                  .get()
                  .build(),
              "failed to list keys");
      if (!reply.ok()) {
        throw http.failure(reply, "failed to list keys");
      }
      JsonNode page = reply.json();
      if (!page.isArray()) {
        throw new KeyStoreException(
            "fortanix: failed to list keys: the answer is not a JSON array");
      }
      boolean newName = false;
      String last = null;
      for (JsonNode object : page) {
        String name = object.path("name").asText("");
        if (!name.isEmpty()) {
          last = name;
          newName |= names.add(name);
        }
      }
      // An empty page ends the listing, and so does a page that only repeats what we have: SDKMS
      // may or may not return the start name again.
      if (!newName) {
        return KeyListing.page(names, prefix, continueAt, limit);
      }
      start = last;
    }
  }

  @Override
  public Duration status() {
    open();
    long start = System.nanoTime();
    Request probe = new Request.Builder().url(statusUrl).build();
    try (Response response = statusClient.newCall(probe).execute()) {
      // Any HTTP answer means SDKMS is reachable (docs/keystores/fortanix.md).
      LOG.log(System.Logger.Level.TRACE, "fortanix: status probe answered {0}", response.code());
      return Duration.ofNanos(System.nanoTime() - start);
    } catch (IOException e) {
      throw new KeyStoreUnreachableException(
          "fortanix: failed to reach '" + endpoint + "': " + http.scrub(String.valueOf(e)), e);
    }
  }

  /** {@code Fortanix SDKMS: <endpoint>}. */
  @Override
  public String description() {
    return "Fortanix SDKMS: " + endpoint;
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

  private void open() {
    if (closed) {
      throw new IllegalStateException("the Fortanix key store is closed");
    }
  }

  private Request.Builder authorized(String path) {
    return http.request(path).header("Authorization", authorization);
  }

  private Request byName(String path, String name) {
    ObjectNode body = SdkmsHttp.JSON.createObjectNode().put("name", name);
    return authorized(path).post(SdkmsHttp.body(body)).build();
  }

  /** The JSON object of a lookup by name, or the exception for its error. */
  private JsonNode found(SdkmsHttp.Reply reply, String name, String context) {
    if (reply.status() == 404 && NOT_FOUND.equalsIgnoreCase(reply.errorText())) {
      throw new EntryNotFoundException("fortanix: key '" + name + "' does not exist");
    }
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    JsonNode object = reply.json();
    if (!object.isObject()) {
      throw new KeyStoreException("fortanix: " + context + ": the answer is not a JSON object");
    }
    return object;
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
   * Collects the settings of a {@link FortanixKeyStore} ({@code
   * docs/keystores/fortanix.md#configuration}) and connects.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the API key.
   */
  public static final class Builder {

    private HttpUrl endpoint;
    private String groupId = "";
    private String apiKey;
    private TrustedCas trustedCas;
    private Duration timeout = Duration.ofSeconds(10);
    private Duration retryBase = Duration.ofMillis(200);
    private Duration retryJitter = Duration.ofMillis(800);

    private Builder() {}

    /**
     * The SDKMS endpoint, such as {@code https://sdkms.fortanix.com}; required.
     *
     * @throws IllegalArgumentException if it is not an http or https URL
     */
    public Builder endpoint(String endpoint) {
      HttpUrl url = HttpUrl.parse(Objects.requireNonNull(endpoint, "endpoint").trim());
      if (url == null) {
        throw new IllegalArgumentException(
            "not an http or https URL, such as https://sdkms.fortanix.com");
      }
      this.endpoint = url;
      return this;
    }

    /**
     * The group new keys are created in; empty (the default) for the application's default group.
     */
    public Builder groupId(String groupId) {
      this.groupId = Objects.requireNonNull(groupId, "groupId");
      return this;
    }

    /** The application's API key, as SDKMS shows it (already Base64); required. */
    public Builder apiKey(String apiKey) {
      this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
      return this;
    }

    /**
     * Trusts only the CA certificates of this PEM file, or of every file of this directory, instead
     * of the system roots ({@code docs/keystores/fortanix.md}). The files are read now.
     *
     * @throws IllegalArgumentException if a file cannot be read or holds no certificate
     */
    public Builder caCertificates(Path path) {
      this.trustedCas = TrustedCas.load(Objects.requireNonNull(path, "path"), false);
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

    /**
     * Builds the store and connects: checks SDKMS's health, then opens and ends a session with the
     * API key to check it ({@code docs/keystores/fortanix.md}).
     *
     * @throws IllegalStateException if the endpoint or the API key is not set
     * @throws KeyStoreUnreachableException if SDKMS cannot be reached
     * @throws KeyStoreException if SDKMS is not healthy or refuses the API key
     */
    public FortanixKeyStore build() {
      if (endpoint == null) {
        throw new IllegalStateException("the Fortanix SDKMS endpoint is not set");
      }
      if (apiKey == null || apiKey.isEmpty()) {
        throw new IllegalStateException("the Fortanix SDKMS API key is not set");
      }
      // Retries log under this module's name, as when each module had its own Retry.
      OkHttpClient client =
          HttpClients.client(
              Duration.ofSeconds(30),
              Duration.ofSeconds(90),
              timeout,
              new Retry(
                  retryBase, retryJitter, System.getLogger("io.kesjava.keystore.fortanix.Retry")),
              trustedCas);
      FortanixKeyStore store = new FortanixKeyStore(this, client);
      try {
        store.connect();
      } catch (RuntimeException e) {
        store.close();
        throw e;
      }
      return store;
    }

    /** The settings, without the API key. */
    @Override
    public String toString() {
      return "FortanixKeyStore.Builder[endpoint="
          + (endpoint == null ? "unset" : display(endpoint))
          + ", groupId="
          + groupId
          + ", apiKey="
          + (apiKey == null ? "unset" : "[redacted]")
          + ", customCa="
          + (trustedCas != null)
          + "]";
    }
  }
}

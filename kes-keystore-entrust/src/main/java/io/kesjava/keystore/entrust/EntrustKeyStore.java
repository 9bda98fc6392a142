package io.kesjava.keystore.entrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Stores;
import io.kesjava.keystore.http.RestKeyStore;
import io.kesjava.keystore.http.RestTransport;
import io.kesjava.keystore.http.RestTransport.Reply;
import io.kesjava.keystore.http.RestVendor;
import io.kesjava.keystore.http.SessionStoreBuilder;
import io.kesjava.keystore.http.SessionTokens;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A key store on Entrust KeyControl ({@code docs/keystores/entrust.md}): each entry is a secret
 * named after the key in one box of one vault, whose {@code secret_data} is the Base64 of the
 * stored value, exactly as KES creates them, so that KES and kes-java read each other's keys.
 *
 * <p>Requests carry the session token of a login with username and password ({@code X-Vault-Auth});
 * the session is renewed after half its remaining lifetime and, when that fails, opened again. A
 * request that KeyControl answers with 401 logs in again and is sent once more. Requests are
 * retried as {@code docs/keystores/entrust.md} says.
 *
 * <p>Listing follows KeyControl's {@code next_token} to the end, keeps the names of secrets that
 * have not expired, and then applies prefix, cursor and page size; KES's last version returns as
 * many empty names as there are secrets before the real ones.
 *
 * <p>Thread-safety: safe for concurrent use. Security: the password and the session tokens never
 * reach a log, an exception message or {@link #toString()}.
 */
public final class EntrustKeyStore extends RestKeyStore {

  private static final System.Logger LOG = System.getLogger(EntrustKeyStore.class.getName());

  private static final int LIST_PAGE_SIZE = 256;
  private static final String EXISTS = "Secret already exists";
  private static final String NOT_FOUND = "Secret not found";
  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  /** How long to wait after a failed login before the next attempt. */
  static final Duration RETRY_INTERVAL = Duration.ofSeconds(5);

  /** The lifetime assumed when KeyControl sends no expiry, and the fallback renewal delay. */
  static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

  /** KeyControl's connection defaults (KES's) and how its API answers. */
  static final RestVendor VENDOR =
      new RestVendor(
          "keycontrol",
          "Entrust KeyControl",
          "https://keycontrol.example.com",
          Duration.ofSeconds(30),
          Duration.ofSeconds(90),
          true,
          new RestTransport.Dialect() {
            @Override
            public boolean success(int status) {
              return status == 200;
            }

            @Override
            public boolean exists(Reply reply) {
              return reply.status() == 409 && EXISTS.equals(error(reply));
            }

            @Override
            public boolean notFound(Reply reply) {
              return reply.status() == 404 && NOT_FOUND.equals(error(reply));
            }

            /** The {@code error} of a JSON answer, else {@code <status>: <body>}. */
            @Override
            public String errorDetail(Reply reply, UnaryOperator<String> redact) {
              String error = error(reply);
              return redact.apply(error.isEmpty() ? reply.status() + ": " + reply.text() : error);
            }
          });

  private final String boxId;
  private final RestTransport statusHttp;

  private EntrustKeyStore(RestTransport http, String boxId) {
    super(http);
    this.boxId = boxId;
    this.statusHttp = http.withoutRetries();
  }

  /** A new builder with KES's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code error} of a JSON error answer; empty for any other answer. */
  static String error(Reply reply) {
    return reply.isJson() ? reply.json().path("error").asText("").trim() : "";
  }

  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    http.checkOpen();
    ObjectNode body = box();
    body.put("name", name);
    body.put("secret_data", Base64.getEncoder().encodeToString(value));
    http.create(
        name,
        value,
        token -> post(http, "CreateSecret", null, body, token, false),
        this::get,
        "failed to create key '" + name + "'");
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to fetch key '" + name + "'";
    ObjectNode body = box().put("secret_id", name);
    Reply reply =
        http.send(token -> post(http, "CheckoutSecret", null, body, token, false), context);
    return http.storedValue(
        http.found(reply, name, context).json(),
        "secret_data",
        Base64.getDecoder()::decode,
        "the secret is not valid Base64",
        context);
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to delete key '" + name + "'";
    ObjectNode body = box().put("secret_id", name);
    http.found(
        http.send(token -> post(http, "DeleteSecret", null, body, token, false), context),
        name,
        context);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continueAt, "continueAt");
    http.checkOpen();
    String context = "failed to list keys";
    Set<String> names = new HashSet<>();
    Set<String> tokensSeen = new HashSet<>();
    String nextToken = "";
    while (true) {
      ObjectNode body = box().put("max_items", LIST_PAGE_SIZE);
      if (!nextToken.isEmpty()) {
        body.put("next_token", nextToken);
      }
      Reply reply =
          http.send(token -> post(http, "ListSecretIds", null, body, token, false), context);
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
        throw http.error(context, "the listing does not advance (next_token repeats)");
      }
    }
  }

  /** Fetches the box, as KES does: {@code POST /vault/1.0/GetBox/}, with the session token. */
  @Override
  public Duration status() {
    http.checkOpen();
    long start = System.nanoTime();
    String context = "failed to fetch status";
    Reply reply =
        statusHttp.send(token -> post(statusHttp, "GetBox", null, box(), token, false), context);
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private ObjectNode box() {
    return RestTransport.JSON.createObjectNode().put("box_id", boxId);
  }

  /**
   * {@code POST <endpoint>/vault/1.0/<operation>/[<argument>/]}.
   *
   * @param body the JSON body, or null for none
   * @param token the {@code X-Vault-Auth} token, or null for none
   * @param contentType whether to send {@code Content-Type: application/json}: KES sends it on the
   *     login only
   */
  private static Request post(
      RestTransport via,
      String operation,
      String argument,
      JsonNode body,
      String token,
      boolean contentType) {
    HttpUrl.Builder url = via.url("vault/1.0").addPathSegment(operation);
    if (argument != null) {
      url.addPathSegment(argument);
    }
    url.addPathSegment("");
    RequestBody requestBody =
        RequestBody.create(
            body == null ? new byte[0] : via.encode(body), contentType ? JSON_TYPE : null);
    Request.Builder request = new Request.Builder().url(url.build()).post(requestBody);
    if (token != null) {
      request.header("X-Vault-Auth", token);
    }
    return request.build();
  }

  /**
   * The KeyControl session ({@code docs/keystores/entrust.md}): a renewal ({@code Renew/}) of the
   * current one while it is valid, else (or when the renewal fails) a new login. The session is
   * due for renewal after half its remaining lifetime; one without a usable expiry counts as 5
   * minutes.
   */
  private static SessionTokens.Grant session(
      RestTransport http,
      String vaultId,
      String username,
      String password,
      String current,
      Instant now) {
    if (current != null) {
      try {
        return accept(
            http,
            http.send(
                post(http, "Renew", null, null, current, false), "failed to renew the session"),
            "renew",
            now);
      } catch (KeyStoreException e) {
        LOG.log(Level.DEBUG, "keycontrol: renewal failed ({0}); logging in again", e.getMessage());
      }
    }
    ObjectNode body = RestTransport.JSON.createObjectNode();
    body.put("username", username);
    body.put("password", password);
    Reply login = http.send(post(http, "Login", vaultId, body, null, true), "login failed");
    return accept(http, login, "login", now);
  }

  /** The token and times of a login or renewal answer. */
  private static SessionTokens.Grant accept(
      RestTransport http, Reply reply, String step, Instant now) {
    String context = step.equals("login") ? "login failed" : "failed to renew the session";
    if (!reply.ok()) {
      throw http.failure(reply, context);
    }
    JsonNode answer = reply.json();
    String accessToken = answer.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw http.error(context, "auth token is empty");
    }
    Instant expiry = now.plus(DEFAULT_LIFETIME);
    String expiresText = answer.path("expires_at").asText("");
    if (!expiresText.isEmpty()) {
      try {
        expiry = OffsetDateTime.parse(expiresText).toInstant();
      } catch (DateTimeParseException e) {
        LOG.log(
            Level.WARNING,
            "keycontrol: the session expiry ''{0}'' is not an RFC 3339 time; assuming {1}",
            expiresText,
            DEFAULT_LIFETIME);
      }
    }
    Duration remaining = Duration.between(now, expiry);
    Duration renewAfter =
        remaining.isNegative() || remaining.isZero() ? DEFAULT_LIFETIME : remaining.dividedBy(2);
    Instant expiresAt = expiry.isAfter(now) ? expiry : now.plus(DEFAULT_LIFETIME);
    LOG.log(Level.DEBUG, "keycontrol: {0} succeeded; session valid until {1}", step, expiresAt);
    return new SessionTokens.Grant(accessToken, now.plus(renewAfter), expiresAt);
  }

  /**
   * Collects the settings of an {@link EntrustKeyStore} ({@code
   * docs/keystores/entrust.md#configuration}) and connects; the endpoint, the CAs (trusted beside
   * the system roots), the timeout, the retry backoff and the clock are set with the methods of
   * {@link SessionStoreBuilder}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the password.
   */
  public static final class Builder extends SessionStoreBuilder<Builder, EntrustKeyStore> {

    private String vaultId;
    private String boxId;
    private String username;
    private String password;

    private Builder() {
      super(VENDOR);
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
     * Makes the store and connects, for {@link #build()}: logs in and fetches the box, as KES does.
     *
     * @throws IllegalStateException if a required setting is not set
     * @throws KeyStoreUnreachableException if KeyControl cannot be reached
     * @throws KeyStoreException if KeyControl refuses the login or does not know the box
     */
    @Override
    protected EntrustKeyStore open() {
      requireText(vaultId, "vault ID");
      requireText(boxId, "box ID");
      requireText(username, "username");
      requireText(password, "password");
      RestTransport http = transport(List.of(password));
      String vault = vaultId;
      String user = username;
      String secret = password;
      SessionTokens sessions =
          sessions(
              http,
              (current, now) -> session(http, vault, user, secret, current, now),
              RETRY_INTERVAL,
              LOG,
              new SessionTokens.Wording(
                  "keycontrol: failed to log in",
                  "session",
                  "keycontrol: no valid session; the last login failed: "));
      // Logs in and checks the box, as KES does when it connects.
      return Stores.connected(
          new EntrustKeyStore(http.withTokens(sessions), boxId), EntrustKeyStore::status);
    }

    /** Vault, box, user and, redacted, the password. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("vaultId", vaultId);
      setting.accept("boxId", boxId);
      setting.accept("username", username);
      setting.accept("password", redacted(password));
    }
  }
}

package io.kesjava.keystore.gemalto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.StoredValues;
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
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * A key store on Gemalto KeySecure / Thales CipherTrust Manager ({@code
 * docs/keystores/gemalto.md}): each entry is a vault secret named after the key, of data type
 * {@code seed}, whose {@code material} is the stored text, exactly as KES creates them, so that KES
 * and kes-java read each other's keys. (Values that are not text, which KES never writes, are
 * stored in the marked form of {@link StoredValues}.)
 *
 * <p>Requests carry a short-lived bearer token obtained with the refresh token and renewed after
 * half its lifetime; a request that KeySecure answers with 401 gets a new token and is sent once
 * more. Requests are retried as {@code docs/keystores/gemalto.md} says.
 *
 * <p>Deleting a missing key succeeds, as in KES: KeySecure answers 404 both for a missing secret
 * and for one the caller may not see.
 *
 * <p>Thread-safety: safe for concurrent use. Security: the refresh token and the bearer tokens
 * never reach a log, an exception message or {@link #toString()}.
 */
public final class GemaltoKeyStore extends RestKeyStore {

  private static final System.Logger LOG = System.getLogger(GemaltoKeyStore.class.getName());
  private static final int LIST_PAGE_SIZE = 200;

  /** KeySecure's connection defaults (KES's) and how its API answers. */
  static final RestVendor VENDOR =
      new RestVendor(
          "gemalto",
          "Gemalto KeySecure",
          "https://127.0.0.1",
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          false,
          new RestTransport.Dialect() {
            @Override
            public boolean exists(Reply reply) {
              return reply.status() == 409;
            }

            /** 404 also means "not allowed to see it" (docs/keystores/gemalto.md). */
            @Override
            public boolean notFound(Reply reply) {
              return reply.status() == 404;
            }

            /**
             * {@code "<codeDesc>" (<code>)} of a JSON body, otherwise the raw body ({@code
             * docs/keystores/gemalto.md}).
             */
            @Override
            public String errorDetail(Reply reply, UnaryOperator<String> redact) {
              JsonNode error = reply.isJson() ? reply.json() : null;
              String text =
                  error != null && (error.has("codeDesc") || error.has("code"))
                      ? "\""
                          + error.path("codeDesc").asText("")
                          + "\" ("
                          + error.path("code").asText("")
                          + ")"
                      : reply.text();
              return reply.statusAnd(redact.apply(text));
            }

            /** KES reads at most 2 MiB of an exported secret. */
            @Override
            public int maxBody() {
              return 2 << 20;
            }
          });


  private GemaltoKeyStore(RestTransport http) {
    super(http);
  }

  /** A new builder with KES's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    http.checkOpen();
    ObjectNode body = RestTransport.JSON.createObjectNode();
    body.put("dataType", "seed");
    body.put("material", StoredValues.toText(value));
    body.put("name", name);
    http.create(
        name,
        value,
        token -> bearer(http.request("api/v1/vault/secrets"), token).post(http.body(body)).build(),
        this::get,
        "failed to create key '" + name + "'");
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to access key '" + name + "'";
    HttpUrl url = secret(name).addPathSegment("export").addQueryParameter("type", "name").build();
    Reply reply =
        http.send(
            token ->
                bearer(new Request.Builder().url(url), token).post(RestTransport.empty()).build(),
            context);
    return http.storedValue(
        http.found(reply, name, context).json(),
        "material",
        StoredValues::fromText,
        "the material is not valid",
        context);
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to delete key '" + name + "'";
    HttpUrl url = secret(name).addQueryParameter("type", "name").build();
    Reply reply =
        http.send(token -> bearer(new Request.Builder().url(url), token).delete().build(), context);
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
    http.checkOpen();
    String context = "failed to list keys";
    Set<String> names = new HashSet<>();
    long skip = 0;
    while (true) {
      HttpUrl url =
          http.url("api/v1/vault/secrets")
              .addQueryParameter("limit", Integer.toString(LIST_PAGE_SIZE))
              .addQueryParameter("skip", Long.toString(skip))
              .build();
      Reply reply =
          http.send(token -> bearer(new Request.Builder().url(url), token).get().build(), context);
      if (!reply.ok()) {
        throw http.failure(reply, context);
      }
      JsonNode page = reply.json();
      long skipped = page.path("skip").asLong(-1);
      if (skipped != skip) {
        throw http.error(
            context,
            "pagination is out-of-sync: tried to skip " + skip + " but skipped " + skipped);
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

  /**
   * The next bearer token for the refresh token ({@code docs/keystores/gemalto.md}): renewed after
   * half its {@code duration}; KES's checks of the answer are kept.
   */
  private static SessionTokens.Grant authenticate(
      RestTransport http, String refreshToken, String domain, Instant now) {
    ObjectNode body = RestTransport.JSON.createObjectNode();
    body.put("grant_type", "refresh_token");
    body.put("refresh_token", refreshToken);
    body.put("domain", domain);
    String context = "failed to authenticate";
    Reply reply =
        http.send(http.request("api/v1/auth/tokens").post(http.body(body)).build(), context);
    if (reply.status() != 200) {
      throw http.failure(reply, context);
    }
    JsonNode answer = reply.json();
    String jwt = answer.path("jwt").asText("");
    if (jwt.isEmpty()) {
      throw http.error(context, "server response does not contain an auth token");
    }
    String type = answer.path("token_type").asText("");
    if (!type.equals("Bearer")) {
      throw http.error(context, "unexpected auth token type '" + http.redact(type) + "'");
    }
    long seconds = answer.path("duration").asLong(0);
    if (seconds <= 0) {
      throw http.error(context, "invalid auth token expiry '" + seconds + "'");
    }
    Duration lifetime = Duration.ofSeconds(seconds);
    LOG.log(Level.DEBUG, "gemalto: new auth token, valid for {0}", lifetime);
    return new SessionTokens.Grant(jwt, now.plus(lifetime.dividedBy(2)), now.plus(lifetime));
  }

  private static Request.Builder bearer(Request.Builder request, String token) {
    return request.header("Authorization", "Bearer " + token);
  }

  private HttpUrl.Builder secret(String name) {
    return http.url("api/v1/vault/secrets").addPathSegment(name);
  }

  /**
   * Collects the settings of a {@link GemaltoKeyStore} ({@code
   * docs/keystores/gemalto.md#configuration}) and connects; the endpoint, the CAs, the timeout, the
   * retry backoff and the clock are set with the methods of {@link SessionStoreBuilder}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the refresh token.
   */
  public static final class Builder extends SessionStoreBuilder<Builder, GemaltoKeyStore> {

    private String refreshToken;
    private String domain = "";
    private Duration retry = Duration.ofSeconds(5);

    private Builder() {
      super(VENDOR);
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
     * Makes the store and connects, for {@link #build()}: obtains the first auth token, as KES
     * does.
     *
     * @throws IllegalStateException if the refresh token is not set
     * @throws KeyStoreUnreachableException if KeySecure cannot be reached
     * @throws KeyStoreException if KeySecure refuses the refresh token
     */
    @Override
    protected GemaltoKeyStore open() {
      requireText(refreshToken, "refresh token");
      RestTransport http = transport(List.of(refreshToken));
      String token = refreshToken;
      String tokenDomain = domain;
      SessionTokens tokens =
          sessions(
              http,
              (current, now) -> authenticate(http, token, tokenDomain, now),
              retry,
              LOG,
              new SessionTokens.Wording(
                  "gemalto: failed to renew the auth token",
                  "token",
                  "gemalto: no valid auth token; the last attempt failed: "));
      // The first token, as KES does when it connects; a failure aborts the build.
      return Stores.connected(
          new GemaltoKeyStore(http.withTokens(tokens)), store -> tokens.current());
    }

    /** The refresh token, redacted, the domain and the retry interval. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("refreshToken", redacted(refreshToken));
      setting.accept("domain", domain);
      setting.accept("retryInterval", retry);
    }
  }
}

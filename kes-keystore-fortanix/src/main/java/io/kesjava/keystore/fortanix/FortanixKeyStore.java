package io.kesjava.keystore.fortanix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.common.Stores;
import io.kesjava.keystore.http.RestKeyStore;
import io.kesjava.keystore.http.RestStoreBuilder;
import io.kesjava.keystore.http.RestTransport;
import io.kesjava.keystore.http.RestTransport.Reply;
import io.kesjava.keystore.http.RestVendor;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.Request;

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
public final class FortanixKeyStore extends RestKeyStore {

  private static final System.Logger LOG = System.getLogger(FortanixKeyStore.class.getName());

  private static final int LIST_PAGE_SIZE = 100;
  private static final String EXISTS = "sobject already exists";
  private static final String NOT_FOUND = "sobject does not exist";

  /** SDKMS's connection defaults (KES's) and how its API answers. */
  static final RestVendor VENDOR =
      new RestVendor(
          "fortanix",
          "Fortanix SDKMS",
          "https://sdkms.fortanix.com",
          Duration.ofSeconds(30),
          Duration.ofSeconds(90),
          false,
          new RestTransport.Dialect() {
            @Override
            public boolean exists(Reply reply) {
              return reply.status() == 409 && EXISTS.equalsIgnoreCase(errorText(reply));
            }

            @Override
            public boolean notFound(Reply reply) {
              return reply.status() == 404 && NOT_FOUND.equalsIgnoreCase(errorText(reply));
            }

            @Override
            public String errorDetail(Reply reply, UnaryOperator<String> redact) {
              return reply.statusAnd(redact.apply(errorText(reply)));
            }
          });

  private final String groupId;
  private final String authorization;

  private FortanixKeyStore(RestTransport http, String groupId, String apiKey) {
    super(http);
    this.groupId = groupId;
    this.authorization = "Basic " + apiKey;
  }

  /** A new builder with KES's defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The error text of SDKMS: the {@code message} of a JSON body, otherwise the raw body, trimmed
   * ({@code docs/keystores/fortanix.md}).
   */
  static String errorText(Reply reply) {
    if (reply.isJson()) {
      JsonNode message = reply.json().path("message");
      if (message.isTextual()) {
        return message.textValue().trim();
      }
    }
    return reply.text();
  }

  /**
   * Checks health and the API key as KES does when it connects ({@code
   * docs/keystores/fortanix.md}).
   */
  void connect() {
    String context = "failed to connect to '" + http.endpoint() + "'";
    Reply health = http.send(authorized("sys/v1/health").get().build(), context);
    if (!health.ok()) {
      throw http.failure(health, context);
    }
    context = "failed to authenticate to '" + http.endpoint() + "'";
    Reply auth =
        http.send(authorized("sys/v1/session/auth").post(RestTransport.empty()).build(), context);
    if (!auth.ok()) {
      throw http.failure(auth, context);
    }
    String token = auth.json().path("access_token").asText("");
    if (token.isEmpty()) {
      throw http.error(context, "the answer has no access token");
    }
    Reply terminate =
        http.send(
            http.request("sys/v1/session/terminate")
                .header("Authorization", "Bearer " + token)
                .post(RestTransport.empty())
                .build(),
            context);
    if (!terminate.ok()) {
      throw http.failure(terminate, context);
    }
    LOG.log(System.Logger.Level.DEBUG, "fortanix: connected to {0}", http.endpoint());
  }

  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    http.checkOpen();
    ObjectNode body = RestTransport.JSON.createObjectNode();
    body.put("obj_type", "OPAQUE");
    body.put("name", name);
    if (!groupId.isEmpty()) {
      body.put("group_id", groupId);
    }
    body.putArray("key_ops").add("EXPORT").add("APPMANAGEABLE");
    body.put("value", Base64.getEncoder().encodeToString(value));
    body.put("enabled", true);
    Request request = authorized("crypto/v1/keys").put(http.body(body)).build();
    http.create(name, value, token -> request, this::get, "failed to create key '" + name + "'");
  }

  @Override
  public byte[] get(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to fetch '" + name + "'";
    JsonNode object = found(byName("crypto/v1/keys/export", name, context), name, context);
    if (object.path("enabled").isBoolean() && !object.path("enabled").booleanValue()) {
      throw http.error(context, "key has been disabled and cannot be used until enabled again");
    }
    return http.storedValue(
        object, "value", Base64.getDecoder()::decode, "the value is not valid Base64", context);
  }

  @Override
  public void delete(String name) {
    Objects.requireNonNull(name, "name");
    http.checkOpen();
    String context = "failed to delete '" + name + "'";
    JsonNode object = found(byName("crypto/v1/keys/info", name, context), name, context);
    String kid = object.path("kid").asText("");
    if (kid.isEmpty()) {
      throw http.error(context, "the answer has no key id");
    }
    HttpUrl url = http.url("crypto/v1/keys").addPathSegment(kid).build();
    Reply reply =
        http.send(
            new Request.Builder().url(url).header("Authorization", authorization).delete().build(),
            context);
    if (reply.status() == 404) {
      throw http.notFound(name);
    }
    if (!reply.ok()) {
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
    String start = null;
    while (true) {
      HttpUrl.Builder url =
          http.url("crypto/v1/keys")
              .addEncodedQueryParameter("sort", "name:asc")
              .addQueryParameter("limit", Integer.toString(LIST_PAGE_SIZE));
      if (start != null) {
        url.addQueryParameter("start", start);
      }
      Reply reply =
          http.send(
              new Request.Builder()
                  .url(url.build())
                  .header("Authorization", authorization)
                  .get()
                  .build(),
              context);
      if (!reply.ok()) {
        throw http.failure(reply, context);
      }
      JsonNode page = reply.json();
      if (!page.isArray()) {
        throw http.error(context, "the answer is not a JSON array");
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

  private Request.Builder authorized(String path) {
    return http.request(path).header("Authorization", authorization);
  }

  private Reply byName(String path, String name, String context) {
    ObjectNode body = RestTransport.JSON.createObjectNode().put("name", name);
    return http.send(authorized(path).post(http.body(body)).build(), context);
  }

  /** The JSON object of a lookup by name, or the exception for its error. */
  private JsonNode found(Reply reply, String name, String context) {
    JsonNode object = http.found(reply, name, context).json();
    if (!object.isObject()) {
      throw http.error(context, "the answer is not a JSON object");
    }
    return object;
  }

  /**
   * Collects the settings of a {@link FortanixKeyStore} ({@code
   * docs/keystores/fortanix.md#configuration}) and connects; the endpoint, the CAs, the timeout
   * and the retry backoff are set with the methods of {@link RestStoreBuilder}.
   *
   * <p>Thread-safety: not thread-safe; use from one thread. Security: {@link #toString()} never
   * prints the API key.
   */
  public static final class Builder extends RestStoreBuilder<Builder, FortanixKeyStore> {

    private String groupId = "";
    private String apiKey;

    private Builder() {
      super(VENDOR);
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
     * Makes the store and connects, for {@link #build()}: checks SDKMS's health, then opens and
     * ends a session with the API key to check it ({@code docs/keystores/fortanix.md}).
     *
     * @throws IllegalStateException if the API key is not set
     * @throws KeyStoreUnreachableException if SDKMS cannot be reached
     * @throws KeyStoreException if SDKMS is not healthy or refuses the API key
     */
    @Override
    protected FortanixKeyStore open() {
      requireText(apiKey, "API key");
      return Stores.connected(
          new FortanixKeyStore(transport(List.of(apiKey)), groupId, apiKey),
          FortanixKeyStore::connect);
    }

    /** The group and, redacted, the API key. */
    @Override
    protected void describe(BiConsumer<String, Object> setting) {
      setting.accept("groupId", groupId);
      setting.accept("apiKey", redacted(apiKey));
    }
  }
}

package io.kesjava.keystore.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * A small fake of Azure Key Vault's secrets REST API over HTTPS on loopback, for the real {@code
 * SecretClient}. It answers as {@code kes-test.vault.azure.net} (see {@code src/test/resources/hosts}).
 *
 * <p>What it reproduces: the bearer challenge (a request without the token gets 401 with {@code
 * WWW-Authenticate: Bearer authorization=..., resource="https://vault.azure.net"}); names
 * {@code [0-9A-Za-z-]{1,127}}, compared without case; values up to 25 KiB; versions with creation
 * times in whole seconds, the latest answered for {@code GET /secrets/<name>}; {@code 403
 * Forbidden/SecretDisabled} for a disabled version; soft delete: {@code DELETE /secrets/<name>}
 * makes the secret "being deleted" for a configurable number of requests (404 for {@code GET
 * /deletedsecrets/<name>}, 409 {@code ObjectIsBeingDeleted} for purges and sets), then deleted but
 * recoverable (409 {@code ObjectIsDeletedButRecoverable} for sets, 404 for reads, {@code GET},
 * {@code DELETE} (purge) and {@code POST .../recover} on {@code /deletedsecrets/<name>}); paging by
 * {@code nextLink}; 429 with {@code Retry-After} on demand; error bodies {@code
 * {"error":{"code","message","innererror":{"code"}}}}.
 *
 * <p>Names are compared without case and values hold at most 25 KiB, as in Key Vault; the key-store
 * contract runs against these rules (see {@code AzureKeyVaultContractTest}).
 *
 * <p>Thread-safety: requests are served on several threads; state is guarded by {@code this}.
 */
public final class FakeKeyVault implements AutoCloseable {

  public static final String TOKEN = "fake-access-token";

  /** The most characters a secret value holds in Key Vault: 25 KiB. */
  private static final int MAX_VALUE_LENGTH = 25 * 1024;
  static final String TENANT = "00000000-0000-0000-0000-000000000001";
  static final String CHALLENGE =
      "Bearer authorization=\"https://login.microsoftonline.com/" + TENANT + "\","
          + " resource=\"https://vault.azure.net\"";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NAME = Pattern.compile("[0-9A-Za-z-]{1,127}");

  /** One version of a secret. */
  private static final class Version {
    final String id = UUID.randomUUID().toString().replace("-", "");
    final String value;
    final String contentType;
    final long created;
    boolean enabled = true;

    Version(String value, String contentType, long created) {
      this.value = value;
      this.contentType = contentType;
      this.created = created;
    }
  }

  /** A secret: the name as first written, and its versions in the order they were set. */
  private static final class Secret {
    final String name;
    final List<Version> versions = new ArrayList<>();
    int deletingFor;

    Secret(String name) {
      this.name = name;
    }

    Version latest() {
      Version latest = versions.get(0);
      for (Version v : versions) {
        if (v.created >= latest.created) {
          latest = v;
        }
      }
      return latest;
    }
  }

  private final HttpsServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private final Map<String, Secret> active = new LinkedHashMap<>();
  private final Map<String, Secret> deleted = new LinkedHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final List<String[]> failures = new ArrayList<>();
  private int pageSize = 2;
  private int deleteLag;
  private int throttleNext;
  private long clock = 1_700_000_000L;
  private boolean frozenClock;
  private int challenges;

  public FakeKeyVault() throws IOException {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(TestTls.get().server));
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public String vaultUrl() {
    return "https://" + TestTls.HOST + ":" + server.getAddress().getPort();
  }

  synchronized void pageSize(int size) {
    pageSize = size;
  }

  /** How many requests about a deleted name see it "being deleted" before it is soft-deleted. */
  synchronized void deleteLag(int requests) {
    deleteLag = requests;
  }

  /** Every new version gets the same creation second, as writes within one second do. */
  synchronized void freezeClock() {
    frozenClock = true;
  }

  /** The next {@code n} authenticated requests get 429 with {@code Retry-After: 0}. */
  synchronized void throttle(int n) {
    throttleNext = n;
  }

  /** The next {@code method} request whose path starts with {@code path} fails so. */
  synchronized void failNext(String method, String path, int status, String code, String inner,
      String message) {
    failures.add(new String[] {method, path, String.valueOf(status), code, inner, message});
  }

  /** Sets a version directly, as another server would. */
  synchronized void put(String name, String value) {
    active.computeIfAbsent(key(name), k -> new Secret(name)).versions
        .add(new Version(value, null, tick()));
  }

  synchronized void disableLatest(String name) {
    active.get(key(name)).latest().enabled = false;
  }

  synchronized boolean isSoftDeleted(String name) {
    return deleted.containsKey(key(name));
  }

  synchronized boolean isActive(String name) {
    return active.containsKey(key(name));
  }

  synchronized int versions(String name) {
    return active.get(key(name)).versions.size();
  }

  synchronized int enabledVersions(String name) {
    return (int) active.get(key(name)).versions.stream().filter(v -> v.enabled).count();
  }

  /** Authenticated requests as {@code METHOD /path}, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  synchronized int challenges() {
    return challenges;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private long tick() {
    return frozenClock ? clock : clock++;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        synchronized (this) {
          challenges++;
        }
        exchange.getResponseHeaders().set("WWW-Authenticate", CHALLENGE);
        error(exchange, 401, "Unauthorized", "", "AKV10000: Request is missing a Bearer or PoP token.");
        return;
      }
      requests.add(method + " " + path);
      if (query == null || !query.contains("api-version=")) {
        error(exchange, 400, "BadParameter", "", "The api-version query parameter is required.");
        return;
      }
      synchronized (this) {
        route(exchange, method, path, query, body);
      }
    } finally {
      exchange.close();
    }
  }

  private void route(HttpExchange exchange, String method, String path, String query, byte[] body)
      throws IOException {
    if (throttleNext > 0) {
      throttleNext--;
      exchange.getResponseHeaders().set("Retry-After", "0");
      error(exchange, 429, "Throttled", "", "Request was not processed because too many requests"
          + " were received. Reason: A single client has exceeded the request limit.");
      return;
    }
    for (String[] f : failures) {
      if (f[0].equals(method) && path.startsWith(f[1])) {
        failures.remove(f);
        error(exchange, Integer.parseInt(f[2]), f[3], f[4], f[5]);
        return;
      }
    }
    String[] parts = path.substring(1).split("/", -1);
    String collection = parts[0];
    String name = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
    String rest = parts.length > 2 ? parts[2] : "";
    if (parts.length == 1 && "secrets".equals(collection) && "GET".equals(method)) {
      listSecrets(exchange, query);
    } else if (!name.isEmpty() && !NAME.matcher(name).matches()) {
      error(exchange, 400, "BadParameter", "", "The request URI contains an invalid name: " + name);
    } else if ("secrets".equals(collection) && !name.isEmpty()) {
      secrets(exchange, method, name, rest, parts.length, query, body);
    } else if ("deletedsecrets".equals(collection) && !name.isEmpty()) {
      deletedSecrets(exchange, method, name, rest);
    } else {
      error(exchange, 404, "NotFound", "", "The requested resource was not found.");
    }
  }

  private void secrets(HttpExchange exchange, String method, String name, String rest, int depth,
      String query, byte[] body) throws IOException {
    Secret secret = active.get(key(name));
    if ("PUT".equals(method) && depth == 2) {
      setSecret(exchange, name, body);
    } else if ("DELETE".equals(method) && depth == 2) {
      if (secret == null) {
        notFound(exchange, name);
        return;
      }
      active.remove(key(name));
      secret.deletingFor = deleteLag;
      deleted.put(key(name), secret);
      send(exchange, 200, deletedBundle(secret));
    } else if (secret == null) {
      notFound(exchange, name);
    } else if ("GET".equals(method) && "versions".equals(rest) && depth == 3) {
      listVersions(exchange, secret, query);
    } else if ("GET".equals(method)) {
      Version version = rest.isEmpty() ? secret.latest() : find(secret, rest);
      if (version == null) {
        error(exchange, 404, "SecretNotFound", "", "A secret with (name/id) " + name + "/" + rest
            + " was not found in this key vault.");
      } else if (!version.enabled) {
        error(exchange, 403, "Forbidden", "SecretDisabled",
            "Operation get is not allowed on a disabled secret.");
      } else {
        send(exchange, 200, bundle(secret, version, true));
      }
    } else if ("PATCH".equals(method) && !rest.isEmpty()) {
      Version version = find(secret, rest);
      JsonNode attributes = JSON.readTree(body).path("attributes");
      if (version != null && attributes.has("enabled")) {
        version.enabled = attributes.get("enabled").asBoolean();
      }
      send(exchange, 200, bundle(secret, version == null ? secret.latest() : version, false));
    } else {
      error(exchange, 405, "MethodNotAllowed", "", method + " is not allowed here.");
    }
  }

  private void setSecret(HttpExchange exchange, String name, byte[] body) throws IOException {
    Secret gone = deleted.get(key(name));
    if (gone != null && gone.deletingFor > 0) {
      gone.deletingFor--;
      error(exchange, 409, "Conflict", "ObjectIsBeingDeleted",
          "Secret " + name + " is currently being deleted.");
      return;
    }
    if (gone != null) {
      error(exchange, 409, "Conflict", "ObjectIsDeletedButRecoverable", "Secret " + name
          + " is currently in a deleted but recoverable state, and its name cannot be reused; in"
          + " this state, the secret can only be recovered or purged.");
      return;
    }
    JsonNode request = JSON.readTree(body);
    String value = request.path("value").asText(null);
    if (value == null || value.length() > MAX_VALUE_LENGTH) {
      error(exchange, 400, "BadParameter", "", "The secret value is missing or exceeds the"
          + " maximum size of 25 KB.");
      return;
    }
    String contentType = request.has("contentType") ? request.get("contentType").asText() : null;
    Secret secret = active.computeIfAbsent(key(name), k -> new Secret(name));
    Version version = new Version(value, contentType, tick());
    secret.versions.add(version);
    send(exchange, 200, bundle(secret, version, true));
  }

  private void deletedSecrets(HttpExchange exchange, String method, String name, String rest)
      throws IOException {
    Secret secret = deleted.get(key(name));
    if (secret != null && secret.deletingFor > 0) {
      secret.deletingFor--;
      if ("DELETE".equals(method)) {
        error(exchange, 409, "Conflict", "ObjectIsBeingDeleted",
            "Secret " + name + " is currently being deleted.");
      } else {
        error(exchange, 404, "SecretNotFound", "", "Deleted Secret not found");
      }
    } else if (secret == null) {
      error(exchange, 404, "SecretNotFound", "", "Deleted Secret not found");
    } else if ("GET".equals(method) && rest.isEmpty()) {
      send(exchange, 200, deletedBundle(secret));
    } else if ("DELETE".equals(method) && rest.isEmpty()) {
      deleted.remove(key(name));
      exchange.sendResponseHeaders(204, -1);
    } else if ("POST".equals(method) && "recover".equals(rest)) {
      deleted.remove(key(name));
      active.put(key(name), secret);
      send(exchange, 200, bundle(secret, secret.latest(), false));
    } else {
      error(exchange, 405, "MethodNotAllowed", "", method + " is not allowed here.");
    }
  }

  private void listSecrets(HttpExchange exchange, String query) throws IOException {
    List<ObjectNode> items = new ArrayList<>();
    for (Secret secret : active.values()) {
      ObjectNode item = JSON.createObjectNode().put("id", vaultUrl() + "/secrets/" + secret.name);
      item.set("attributes", attributes(secret.latest()));
      items.add(item);
    }
    page(exchange, items, query, "/secrets");
  }

  private void listVersions(HttpExchange exchange, Secret secret, String query) throws IOException {
    List<ObjectNode> items = new ArrayList<>();
    for (Version version : secret.versions) {
      ObjectNode item = JSON.createObjectNode()
          .put("id", vaultUrl() + "/secrets/" + secret.name + "/" + version.id);
      item.set("attributes", attributes(version));
      items.add(item);
    }
    page(exchange, items, query, "/secrets/" + secret.name + "/versions");
  }

  private void page(HttpExchange exchange, List<ObjectNode> items, String query, String path)
      throws IOException {
    int start = 0;
    for (String parameter : query.split("&")) {
      if (parameter.startsWith("$skiptoken=")) {
        String token = URLDecoder.decode(parameter.substring(11), StandardCharsets.UTF_8);
        start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
      }
    }
    int end = Math.min(items.size(), start + pageSize);
    ObjectNode response = JSON.createObjectNode();
    ArrayNode value = response.putArray("value");
    items.subList(Math.min(start, end), end).forEach(value::add);
    if (end < items.size()) {
      String token = Base64.getEncoder().encodeToString(
          String.valueOf(end).getBytes(StandardCharsets.UTF_8));
      response.put("nextLink", vaultUrl() + path + "?api-version=7.6&$skiptoken=" + token
          + "&maxresults=" + pageSize);
    } else {
      response.putNull("nextLink");
    }
    send(exchange, 200, response);
  }

  private static Version find(Secret secret, String id) {
    return secret.versions.stream().filter(v -> v.id.equals(id)).findFirst().orElse(null);
  }

  private ObjectNode bundle(Secret secret, Version version, boolean withValue) {
    ObjectNode bundle = JSON.createObjectNode();
    if (withValue) {
      bundle.put("value", version.value);
    }
    if (version.contentType != null) {
      bundle.put("contentType", version.contentType);
    }
    bundle.put("id", vaultUrl() + "/secrets/" + secret.name + "/" + version.id);
    bundle.set("attributes", attributes(version));
    return bundle;
  }

  private ObjectNode deletedBundle(Secret secret) {
    ObjectNode bundle = bundle(secret, secret.latest(), false);
    bundle.put("recoveryId", vaultUrl() + "/deletedsecrets/" + secret.name);
    bundle.put("deletedDate", clock);
    bundle.put("scheduledPurgeDate", clock + 90L * 24 * 3600);
    return bundle;
  }

  private static ObjectNode attributes(Version version) {
    return JSON.createObjectNode()
        .put("enabled", version.enabled)
        .put("created", version.created)
        .put("updated", version.created)
        .put("recoveryLevel", "Recoverable+Purgeable")
        .put("recoverableDays", 90);
  }

  private void notFound(HttpExchange exchange, String name) throws IOException {
    error(exchange, 404, "SecretNotFound", "", "A secret with (name/id) " + name + " was not found"
        + " in this key vault. If you recently deleted this secret you may be able to recover it"
        + " using the correct recovery command.");
  }

  private static void error(HttpExchange exchange, int status, String code, String inner,
      String message) throws IOException {
    ObjectNode error = JSON.createObjectNode();
    ObjectNode detail = error.putObject("error").put("code", code).put("message", message);
    if (!inner.isEmpty()) {
      detail.putObject("innererror").put("code", inner);
    }
    send(exchange, status, error);
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

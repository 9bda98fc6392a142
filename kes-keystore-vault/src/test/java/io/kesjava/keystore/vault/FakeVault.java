package io.kesjava.keystore.vault;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.kesjava.testkit.MutableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A fake of Vault's HTTP API on loopback, written from Vault's API reference: K/V v1 and v2 mounts
 * ({@link FakeKv}), Transit mounts ({@link FakeTransit}), AppRole and Kubernetes logins and the
 * token's lookup and renewal ({@link FakeAuth}), namespaces from the {@code X-Vault-Namespace}
 * header, {@code sys/health} with its status-code parameters, and the sealed state (503 {@code
 * Vault is sealed} on everything but health). Every call is recorded for the tests to inspect.
 */
public final class FakeVault implements AutoCloseable {

  /** An answer: status and JSON body (null for none). */
  record Answer(int status, JsonNode body) {
    static Answer ok(JsonNode body) {
      return new Answer(200, body);
    }

    static Answer noContent() {
      return new Answer(204, null);
    }

    static Answer notFound() {
      return error(404, null);
    }

    /** Vault's error shape: {@code {"errors":["..."]}}; an empty list when message is null. */
    static Answer error(int status, String message) {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("errors");
      if (message != null) {
        body.withArray("errors").add(message);
      }
      return new Answer(status, body);
    }
  }

  /** One request as the fake saw it. */
  record Call(
      String method, String path, String query, String namespace, String token, String body) {}

  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // Without TCP_NODELAY the JDK server's small answers wait ~40 ms for delayed ACKs on loopback.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "fake-vault");
            t.setDaemon(true);
            return t;
          });
  private final MutableClock clock;
  private final FakeAuth auth;
  private final Map<String, Map<String, Object>> mounts = new ConcurrentHashMap<>();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final AtomicInteger forbidden = new AtomicInteger();
  private volatile boolean sealed;
  private volatile boolean initialized = true;
  private volatile boolean echoWrites;

  private FakeVault(HttpServer server, MutableClock clock) {
    this.server = server;
    this.clock = clock;
    this.auth = new FakeAuth(clock, JSON);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** A fake on plain HTTP. */
  public static FakeVault start(MutableClock clock) throws IOException {
    return new FakeVault(HttpServer.create(loopback(), 0), clock);
  }

  /** A fake on HTTPS; with {@code needClientAuth} it demands a client certificate. */
  public static FakeVault startTls(MutableClock clock, SSLContext context, boolean needClientAuth)
      throws IOException {
    HttpsServer server = HttpsServer.create(loopback(), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(context) {
          @Override
          public void configure(HttpsParameters params) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setNeedClientAuth(needClientAuth);
            params.setSSLParameters(ssl);
          }
        });
    return new FakeVault(server, clock);
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  public String endpoint() {
    String scheme = server instanceof HttpsServer ? "https" : "http";
    return scheme + "://127.0.0.1:" + server.getAddress().getPort();
  }

  // ---- set-up and controls ----

  public FakeVault kv(String namespace, String mount, int version) {
    mounts
        .computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
        .put(mount, new FakeKv(version, clock, JSON));
    return this;
  }

  FakeKv kvMount(String namespace, String mount) {
    return (FakeKv) mounts.get(namespace).get(mount);
  }

  FakeVault transit(String namespace, String mount) {
    mounts
        .computeIfAbsent(namespace, n -> new ConcurrentHashMap<>())
        .put(mount, new FakeTransit(JSON));
    return this;
  }

  public FakeVault appRole(
      String namespace,
      String mount,
      String roleId,
      String secretId,
      Duration ttl,
      Duration maxTtl,
      boolean renewable) {
    auth.add(
        new FakeAuth.Role("approle", namespace, mount, roleId, secretId, ttl, maxTtl, renewable));
    return this;
  }

  FakeVault kubernetes(
      String namespace, String mount, String role, String jwt, Duration ttl, Duration maxTtl) {
    auth.add(new FakeAuth.Role("kubernetes", namespace, mount, role, jwt, ttl, maxTtl, true));
    return this;
  }

  void sealed(boolean sealed) {
    this.sealed = sealed;
  }

  void initialized(boolean initialized) {
    this.initialized = initialized;
  }

  /** Makes every issued token invalid, as a revocation or a Vault restart would. */
  void revokeTokens() {
    auth.revokeAll();
  }

  /** Denies every token access to paths starting with {@code prefix} (403, as a policy would). */
  void deny(String prefix) {
    denied.add(prefix);
  }

  /** Makes K/V writes fail with an error that quotes the request body back. */
  void echoWrites(boolean echo) {
    echoWrites = echo;
  }

  /** Issues tokens with this TTL and max TTL from now on, whatever the role says. */
  void issueTtl(Duration ttl, Duration maxTtl) {
    auth.ttlOverride = new Duration[] {ttl, maxTtl};
  }

  void failLogins(boolean fail) {
    auth.loginsFail = fail;
  }

  int logins() {
    return auth.logins.get();
  }

  int renewals() {
    return auth.renewals.get();
  }

  int lookups() {
    return auth.lookups.get();
  }

  /** How many answers were 403 (a dead token, or a denied path). */
  int forbidden() {
    return forbidden.get();
  }

  List<Call> calls() {
    return new ArrayList<>(calls);
  }

  void clearCalls() {
    calls.clear();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  // ---- HTTP ----

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      String rawQuery = exchange.getRequestURI().getRawQuery();
      String namespace = trimSlashes(headerOr(exchange, "X-Vault-Namespace"));
      String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
      String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      calls.add(new Call(method, path, rawQuery == null ? "" : rawQuery, namespace, token, text));
      Answer answer;
      if (!path.startsWith("/v1/")) {
        answer = Answer.error(404, "not found");
      } else {
        JsonNode body;
        try {
          body = text.isEmpty() ? null : JSON.readTree(text);
          answer =
              route(
                  method,
                  trimSlashes(path.substring(4)),
                  query(rawQuery),
                  namespace,
                  token,
                  body,
                  text);
        } catch (IOException e) {
          answer = Answer.error(400, "failed to parse JSON input");
        }
      }
      if (answer.status() == 403) {
        forbidden.incrementAndGet();
      }
      byte[] bytes = answer.body() == null ? new byte[0] : JSON.writeValueAsBytes(answer.body());
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    }
  }

  private Answer route(
      String method,
      String path,
      Map<String, String> query,
      String namespace,
      String token,
      JsonNode body,
      String text) {
    if (path.equals("sys/health")) {
      return health(query);
    }
    if (sealed) {
      return Answer.error(503, "Vault is sealed");
    }
    if (path.startsWith("auth/") && path.endsWith("/login") && !path.startsWith("auth/token/")) {
      return auth.login(namespace, path.substring(5, path.length() - 6), body);
    }
    FakeAuth.Token t = auth.check(namespace, token);
    if (t == null) {
      return Answer.error(403, "permission denied");
    }
    if (path.equals("auth/token/lookup-self")) {
      return auth.lookupSelf(t);
    }
    if (path.equals("auth/token/renew-self")) {
      return auth.renewSelf(t, body);
    }
    for (String prefix : denied) {
      if (path.startsWith(prefix)) {
        return Answer.error(403, "permission denied");
      }
    }
    String mount = null;
    for (String m : mounts.getOrDefault(namespace, Map.of()).keySet()) {
      if ((path.equals(m) || path.startsWith(m + "/"))
          && (mount == null || m.length() > mount.length())) {
        mount = m;
      }
    }
    if (mount == null) {
      return Answer.error(404, "no handler for route '" + path + "'. route entry not found.");
    }
    String rest = path.equals(mount) ? "" : path.substring(mount.length() + 1);
    Object engine = mounts.get(namespace).get(mount);
    if (engine instanceof FakeKv kv) {
      if (echoWrites && (method.equals("PUT") || method.equals("POST"))) {
        return Answer.error(400, "invalid request body: " + text);
      }
      return kv.handle(method, rest, query, body);
    }
    return ((FakeTransit) engine).handle(method, rest, body);
  }

  private Answer health(Map<String, String> query) {
    int status = 200;
    if (!initialized) {
      status = Integer.parseInt(query.getOrDefault("uninitcode", "501"));
    } else if (sealed) {
      status = Integer.parseInt(query.getOrDefault("sealedcode", "503"));
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("initialized", initialized).put("sealed", sealed).put("standby", false);
    body.put("performance_standby", false).put("replication_performance_mode", "disabled");
    body.put("replication_dr_mode", "disabled")
        .put("server_time_utc", clock.instant().getEpochSecond());
    body.put("version", "1.15.0").put("cluster_name", "fake-vault").put("cluster_id", "fake");
    return new Answer(status, body);
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String k = eq < 0 ? pair : pair.substring(0, eq);
        String v = eq < 0 ? "" : pair.substring(eq + 1);
        out.put(
            URLDecoder.decode(k, StandardCharsets.UTF_8),
            URLDecoder.decode(v, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String headerOr(HttpExchange exchange, String name) {
    String value = exchange.getRequestHeaders().getFirst(name);
    return value == null ? "" : value;
  }

  private static String trimSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }
}

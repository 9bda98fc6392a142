package io.kesjava.keystore.entrust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A fake of the parts of the Entrust KeyControl vault API that KES uses, written from Entrust's API
 * reference and {@code docs/keystores/entrust.md}, for MockWebServer. Every call is a {@code POST}
 * of JSON.
 *
 * <p>What it reproduces: {@code /vault/1.0/Login/<vault_id>/} with username and password, answering
 * {@code {"access_token","expires_at"}} (RFC 3339), 401 for wrong credentials and 404 for an
 * unknown vault; {@code /vault/1.0/Renew/}, extending the session; sessions that expire on the
 * injected clock, and 401 {@code {"error":..}} for an expired, revoked or missing {@code
 * X-Vault-Auth}; {@code GetBox} (404 for an unknown box); {@code CreateSecret} (409 {@code Secret
 * already exists}); {@code CheckoutSecret} and {@code DeleteSecret} (404 {@code Secret not found});
 * {@code ListSecretIds} in name order with {@code max_items} and a {@code next_token} that is the
 * Base64 of {@code {"box_id","next_ctx":<next name>}}, each secret with its {@code expired} flag.
 * Tests can queue faults, revoke sessions, refuse renewals, leave out the expiry, mark secrets
 * expired and make the listing repeat its token.
 *
 * <p>Thread-safety: safe for MockWebServer's threads.
 */
public final class FakeKeyControl extends Dispatcher {

  public static final String VAULT_ID = "e30497c1-bff7-4e81-beb7-fb35c4b7410c";
  public static final String BOX_ID = "tenant-1";
  public static final String USERNAME = "kes";
  public static final String PASSWORD = "correct horse battery staple";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final Map<String, ObjectNode> secrets = new TreeMap<>(); // by name
  private final Map<String, Instant> sessions = new HashMap<>();
  private final Deque<MockResponse> faults = new ArrayDeque<>();
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  // All guarded by this.
  private Duration sessionLifetime = Duration.ofMinutes(10);
  private boolean sendExpiry = true;
  private boolean refuseRenewals;
  private boolean repeatToken;
  private int maxPageSize = 256;
  private boolean loseNextAnswer;
  private int rejected;

  public FakeKeyControl(Clock clock) {
    this.clock = clock;
  }

  synchronized void sessionLifetime(Duration lifetime) {
    this.sessionLifetime = lifetime;
  }

  /** Logins and renewals answer without {@code expires_at}. */
  synchronized void omitExpiry() {
    this.sendExpiry = false;
  }

  synchronized void refuseRenewals() {
    this.refuseRenewals = true;
  }

  /** Every listing page answers the same {@code next_token}. */
  synchronized void repeatToken() {
    this.repeatToken = true;
  }

  synchronized void maxPageSize(int size) {
    this.maxPageSize = size;
  }

  synchronized void revokeSessions() {
    sessions.clear();
  }

  synchronized void expire(String name) {
    secrets.get(name).put("expired", true);
  }

  synchronized void fault(MockResponse response) {
    faults.add(response);
  }

  void fault(int status) {
    fault(error(status, "injected failure " + status));
  }

  void dropConnection() {
    fault(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
  }

  void stall() {
    fault(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
  }

  synchronized void loseNextAnswer() {
    loseNextAnswer = true;
  }

  synchronized ObjectNode secret(String name) {
    return secrets.get(name);
  }

  synchronized int rejectedRequests() {
    return rejected;
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The operation of every request ({@code Login}, {@code CreateSecret}, ...), in order. */
  List<String> operations() {
    List<String> out = new ArrayList<>();
    for (RecordedRequest r : requests()) {
      List<String> segments = r.getUrl().pathSegments();
      out.add(segments.size() > 2 ? segments.get(2) : r.getUrl().encodedPath());
    }
    return out;
  }

  long count(String operation) {
    return operations().stream().filter(operation::equals).count();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    requests.add(request);
    synchronized (this) {
      MockResponse fault = faults.poll();
      if (fault != null) {
        return fault;
      }
      MockResponse response;
      try {
        response = route(request);
      } catch (IOException | RuntimeException e) {
        response = error(400, "invalid request: " + e.getMessage());
      }
      if (loseNextAnswer) {
        loseNextAnswer = false;
        return error(502, "bad gateway");
      }
      return response;
    }
  }

  private MockResponse route(RecordedRequest request) throws IOException {
    String path = request.getUrl().encodedPath();
    if (!request.getMethod().equals("POST")
        || !path.startsWith("/vault/1.0/")
        || !path.endsWith("/")) {
      return error(404, "not found");
    }
    String operation = request.getUrl().pathSegments().get(2);
    JsonNode body =
        request.getBody() == null || request.getBody().size() == 0
            ? JSON.createObjectNode()
            : JSON.readTree(request.getBody().utf8());
    if (operation.equals("Login")) {
      return login(request.getUrl().pathSegments().get(3), body);
    }
    String token = request.getHeaders().get("X-Vault-Auth");
    Instant expiry = token == null ? null : sessions.get(token);
    if (expiry == null || !clock.instant().isBefore(expiry)) {
      rejected++;
      return error(401, "Unauthorized");
    }
    if (operation.equals("Renew")) {
      if (refuseRenewals) {
        return error(403, "renewal not allowed");
      }
      return session(token);
    }
    if (!BOX_ID.equals(body.path("box_id").asText())) {
      return error(404, "Box not found");
    }
    switch (operation) {
      case "GetBox":
        return json(200, JSON.createObjectNode().put("box_id", BOX_ID).put("name", BOX_ID));
      case "CreateSecret":
        return create(body);
      case "CheckoutSecret":
        {
          ObjectNode secret = secrets.get(body.path("secret_id").asText());
          return secret == null
              ? error(404, "Secret not found")
              : json(
                  200,
                  JSON.createObjectNode().put("secret_data", secret.path("secret_data").asText()));
        }
      case "DeleteSecret":
        return secrets.remove(body.path("secret_id").asText()) == null
            ? error(404, "Secret not found")
            : json(200, JSON.createObjectNode());
      case "ListSecretIds":
        return list(body);
      default:
        return error(404, "unknown operation " + operation);
    }
  }

  private MockResponse login(String vaultId, JsonNode body) {
    if (!VAULT_ID.equals(vaultId)) {
      return error(404, "Vault not found");
    }
    if (!USERNAME.equals(body.path("username").asText())
        || !PASSWORD.equals(body.path("password").asText())) {
      return error(401, "Invalid username or password");
    }
    return session("session-" + UUID.randomUUID());
  }

  private MockResponse session(String token) {
    Instant expiry = clock.instant().plus(sessionLifetime);
    sessions.put(token, expiry);
    ObjectNode answer = JSON.createObjectNode().put("access_token", token);
    if (sendExpiry) {
      answer.put("expires_at", expiry.toString());
    }
    return json(200, answer);
  }

  private MockResponse create(JsonNode body) {
    String name = body.path("name").asText("");
    if (name.isEmpty()) {
      return error(400, "name is required");
    }
    Base64.getDecoder().decode(body.path("secret_data").asText()); // 400 if not Base64
    if (secrets.containsKey(name)) {
      return error(409, "Secret already exists");
    }
    ObjectNode secret = JSON.createObjectNode();
    secret.put("secret_id", UUID.randomUUID().toString());
    secret.put("name", name);
    secret.put("secret_data", body.path("secret_data").asText());
    secret.put("expired", false);
    secrets.put(name, secret);
    return json(200, JSON.createObjectNode().put("secret_id", secret.path("secret_id").asText()));
  }

  private MockResponse list(JsonNode body) throws IOException {
    int limit = Math.min(body.path("max_items").asInt(256), maxPageSize);
    String from = "";
    if (body.has("next_token")) {
      byte[] decoded = Base64.getDecoder().decode(body.path("next_token").asText());
      from = JSON.readTree(decoded).path("next_ctx").asText();
    }
    ObjectNode answer = JSON.createObjectNode();
    var page = answer.putArray("secrets");
    String next = "";
    for (ObjectNode secret : secrets.values()) {
      String name = secret.path("name").asText();
      if (name.compareTo(from) < 0) {
        continue;
      }
      if (page.size() == limit) {
        next = name;
        break;
      }
      page.addObject().put("name", name).put("expired", secret.path("expired").asBoolean());
    }
    if (repeatToken && next.isEmpty()) {
      next = from.isEmpty() ? secrets.keySet().iterator().next() : from;
    }
    if (!next.isEmpty()) {
      String context =
          JSON.createObjectNode().put("box_id", BOX_ID).put("next_ctx", next).toString();
      answer.put(
          "next_token",
          Base64.getEncoder().encodeToString(context.getBytes(StandardCharsets.UTF_8)));
    }
    return json(200, answer);
  }

  static MockResponse error(int status, String text) {
    return json(status, JSON.createObjectNode().put("error", text));
  }

  static MockResponse json(int status, JsonNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }
}

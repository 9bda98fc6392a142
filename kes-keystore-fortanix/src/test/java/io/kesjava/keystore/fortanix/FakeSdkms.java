package io.kesjava.keystore.fortanix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
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
 * A fake of the parts of the Fortanix SDKMS REST API that KES uses, written from Fortanix's API
 * reference and {@code docs/keystores/fortanix.md}, for MockWebServer.
 *
 * <p>What it reproduces: {@code GET /sys/v1/health} (204); sessions from {@code POST
 * /sys/v1/session/auth} with the API key as Basic credentials, ended by {@code POST
 * /sys/v1/session/terminate} with the Bearer token, and expiring after {@code expires_in} seconds
 * of the injected clock; {@code Authorization: Basic <api key>} or a live session on every {@code
 * /crypto} request, else 401; importing an {@code OPAQUE} object with {@code PUT /crypto/v1/keys}
 * (201, or 409 {@code sobject already exists}); {@code POST /crypto/v1/keys/export} (the value,
 * only with the {@code EXPORT} operation) and {@code /crypto/v1/keys/info} (no value), 404 {@code
 * sobject does not exist}; {@code DELETE /crypto/v1/keys/<kid>} (204 or 404); listing {@code GET
 * /crypto/v1/keys?sort=name:asc&limit=<n>&start=<name>} in name order, {@code start} inclusive or
 * not as the test chooses; error bodies as plain text, as SDKMS sends them. Tests can queue faults
 * (5xx answers, dropped connections, stalls) for the next requests.
 *
 * <p>Thread-safety: safe for MockWebServer's threads.
 */
public final class FakeSdkms extends Dispatcher {

  public static final String API_KEY =
      Base64.getEncoder().encodeToString("app-id-1:very-secret-api-key-material".getBytes());
  static final String DEFAULT_GROUP = "default-group";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration SESSION_LIFETIME = Duration.ofSeconds(600);

  private final Clock clock;
  private final Map<String, ObjectNode> objects = new TreeMap<>(); // by name
  private final Map<String, Instant> sessions = new HashMap<>();
  private final Deque<MockResponse> faults = new ArrayDeque<>();
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile boolean startInclusive = true;
  private volatile int maxPageSize = 100;
  private boolean loseNextAnswer; // guarded by this

  public FakeSdkms(Clock clock) {
    this.clock = clock;
  }

  /** Whether {@code start} of a listing includes the object of that name (unsure for SDKMS). */
  void startInclusive(boolean inclusive) {
    this.startInclusive = inclusive;
  }

  /** The largest page the fake returns, whatever the client asks. */
  void maxPageSize(int size) {
    this.maxPageSize = size;
  }

  /** The next request is answered with {@code response} instead. */
  synchronized void fault(MockResponse response) {
    faults.add(response);
  }

  /** The next request is answered with {@code status} and a plain-text body. */
  void fault(int status) {
    fault(text(status, "injected failure " + status));
  }

  /** The next request's connection is closed before an answer. */
  void dropConnection() {
    fault(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
  }

  /** The next request is never answered. */
  void stall() {
    fault(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
  }

  /** The next request is carried out, but answered with a 502 as if a gateway lost the answer. */
  synchronized void loseNextAnswer() {
    loseNextAnswer = true;
  }

  synchronized void disable(String name) {
    objects.get(name).put("enabled", false);
  }

  synchronized ObjectNode object(String name) {
    return objects.get(name);
  }

  synchronized int sessionCount() {
    return sessions.size();
  }

  List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** {@code METHOD path?query} of every request, in order. */
  List<String> requestLines() {
    List<String> lines = new ArrayList<>();
    for (RecordedRequest r : requests()) {
      String query = r.getUrl().encodedQuery();
      lines.add(
          r.getMethod() + " " + r.getUrl().encodedPath() + (query == null ? "" : "?" + query));
    }
    return lines;
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
        response = text(400, "invalid request: " + e.getMessage());
      }
      if (loseNextAnswer) {
        loseNextAnswer = false;
        return text(502, "bad gateway");
      }
      return response;
    }
  }

  private MockResponse route(RecordedRequest request) throws IOException {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    if (path.equals("/sys/v1/health") && method.equals("GET")) {
      return new MockResponse.Builder().code(204).build();
    }
    if (path.equals("/sys/v1/session/auth") && method.equals("POST")) {
      if (!basicAuthorized(request)) {
        return text(401, "invalid API key");
      }
      String token = UUID.randomUUID().toString();
      sessions.put(token, clock.instant().plus(SESSION_LIFETIME));
      ObjectNode body = JSON.createObjectNode();
      body.put("token_type", "Bearer");
      body.put("expires_in", SESSION_LIFETIME.toSeconds());
      body.put("access_token", token);
      body.put("entity_id", "app-id-1");
      return json(200, body);
    }
    if (path.equals("/sys/v1/session/terminate") && method.equals("POST")) {
      String token = bearer(request);
      if (token == null || sessions.remove(token) == null) {
        return text(401, "invalid session");
      }
      return new MockResponse.Builder().code(204).build();
    }
    if (!path.startsWith("/crypto/v1/keys")) {
      return text(404, "not found"); // the status probe lands here: any answer will do
    }
    if (!basicAuthorized(request) && !sessionAuthorized(request)) {
      return text(401, "unauthorized");
    }
    if (path.equals("/crypto/v1/keys") && method.equals("PUT")) {
      return importObject(body(request));
    }
    if (path.equals("/crypto/v1/keys") && method.equals("GET")) {
      return list(request);
    }
    if (path.equals("/crypto/v1/keys/export") && method.equals("POST")) {
      return lookup(body(request), true);
    }
    if (path.equals("/crypto/v1/keys/info") && method.equals("POST")) {
      return lookup(body(request), false);
    }
    if (path.startsWith("/crypto/v1/keys/") && method.equals("DELETE")) {
      String kid = path.substring("/crypto/v1/keys/".length());
      boolean removed = objects.values().removeIf(o -> o.path("kid").asText().equals(kid));
      return removed
          ? new MockResponse.Builder().code(204).build()
          : text(404, "sobject does not exist");
    }
    return text(405, "method not allowed");
  }

  private MockResponse importObject(JsonNode request) {
    if (!"OPAQUE".equals(request.path("obj_type").asText())) {
      return text(400, "unsupported object type");
    }
    String name = request.path("name").asText("");
    if (name.isEmpty()) {
      return text(400, "name is required");
    }
    Base64.getDecoder().decode(request.path("value").asText()); // 400 if not Base64
    if (objects.containsKey(name)) {
      return text(409, "sobject already exists");
    }
    ObjectNode object = JSON.createObjectNode();
    object.put("kid", UUID.randomUUID().toString());
    object.put("name", name);
    object.put("obj_type", "OPAQUE");
    object.put("group_id", request.path("group_id").asText(DEFAULT_GROUP));
    object.set("key_ops", request.path("key_ops").deepCopy());
    object.put("enabled", request.path("enabled").asBoolean(true));
    object.put("value", request.path("value").asText());
    object.put("created_at", clock.instant().toString());
    objects.put(name, object);
    return json(201, withoutValue(object));
  }

  private MockResponse lookup(JsonNode request, boolean export) {
    ObjectNode object = objects.get(request.path("name").asText(""));
    if (object == null) {
      return text(404, "sobject does not exist");
    }
    if (!export) {
      return json(200, withoutValue(object));
    }
    boolean exportable = false;
    for (JsonNode op : object.path("key_ops")) {
      exportable |= op.asText().equals("EXPORT");
    }
    return exportable ? json(200, object.deepCopy()) : text(403, "operation not allowed: EXPORT");
  }

  private MockResponse list(RecordedRequest request) {
    String sort = request.getUrl().queryParameter("sort");
    String start = request.getUrl().queryParameter("start");
    String limitText = request.getUrl().queryParameter("limit");
    int limit = Math.min(limitText == null ? 100 : Integer.parseInt(limitText), maxPageSize);
    ArrayNode page = JSON.createArrayNode();
    for (ObjectNode object : objects.values()) { // TreeMap: name order
      String name = object.path("name").asText();
      if ("name:asc".equals(sort) && start != null) {
        int cmp = name.compareTo(start);
        if (cmp < 0 || (cmp == 0 && !startInclusive)) {
          continue;
        }
      }
      if (page.size() == limit) {
        break;
      }
      page.add(withoutValue(object));
    }
    return json(200, page);
  }

  private boolean basicAuthorized(RecordedRequest request) {
    return ("Basic " + API_KEY).equals(request.getHeaders().get("Authorization"));
  }

  private boolean sessionAuthorized(RecordedRequest request) {
    String token = bearer(request);
    Instant expiry = token == null ? null : sessions.get(token);
    return expiry != null && clock.instant().isBefore(expiry);
  }

  private static String bearer(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7) : null;
  }

  private static JsonNode body(RecordedRequest request) throws IOException {
    return JSON.readTree(request.getBody() == null ? "" : request.getBody().utf8());
  }

  private static ObjectNode withoutValue(ObjectNode object) {
    ObjectNode copy = object.deepCopy();
    copy.remove("value");
    return copy;
  }

  static MockResponse text(int status, String text) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "text/plain; charset=utf-8")
        .body(text)
        .build();
  }

  static MockResponse json(int status, JsonNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }
}

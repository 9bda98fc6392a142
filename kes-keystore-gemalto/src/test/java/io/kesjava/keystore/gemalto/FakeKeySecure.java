package io.kesjava.keystore.gemalto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;

/**
 * A fake of the parts of the KeySecure / CipherTrust Manager REST API that KES uses, written from
 * Thales's API reference and {@code docs/keystores/gemalto.md}, for MockWebServer.
 *
 * <p>What it reproduces: {@code POST /api/v1/auth/tokens} with {@code grant_type=refresh_token},
 * the refresh token and the domain, answering {@code
 * {"token_type":"Bearer","jwt":..,"duration":..}}, or 401 for an unknown refresh token or a wrong
 * domain; bearer tokens that expire after {@code duration} seconds of the injected clock, and 401
 * for an expired, revoked or missing token on every {@code /api/v1/vault} request; {@code POST
 * /api/v1/vault/secrets} (201, or 409 for an existing name); {@code POST
 * /api/v1/vault/secrets/<name>/export?type=name} (200 with the material, 404); {@code DELETE
 * /api/v1/vault/secrets/<name>?type=name} (204, 404); listing with {@code limit} and {@code skip},
 * answering {@code {"skip","limit","total","resources"}} in creation order, pages capped at a size
 * the test chooses; error bodies {@code {"code":..,"codeDesc":..}} as JSON. Tests can queue faults
 * (5xx answers, dropped connections, stalls), revoke all tokens, and make the listing skip wrongly.
 *
 * <p>Thread-safety: safe for MockWebServer's threads.
 */
public final class FakeKeySecure extends Dispatcher {

  public static final String REFRESH_TOKEN = "refresh-token-0123456789-very-secret";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final String domain;
  private final Map<String, ObjectNode> secrets = new LinkedHashMap<>(); // creation order
  private final Map<String, Instant> tokens = new HashMap<>();
  private final Deque<MockResponse> faults = new ArrayDeque<>();
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private Duration tokenLifetime = Duration.ofSeconds(300); // guarded by this
  private int maxPageSize = 200; // guarded by this
  private boolean skipWrongly; // guarded by this
  private boolean loseNextAnswer; // guarded by this
  private int rejected; // guarded by this: requests refused for their token

  /** A fake whose refresh token belongs to {@code domain} ("" for root). */
  FakeKeySecure(Clock clock, String domain) {
    this.clock = clock;
    this.domain = domain;
  }

  public FakeKeySecure(Clock clock) {
    this(clock, "");
  }

  synchronized void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  synchronized void maxPageSize(int size) {
    this.maxPageSize = size;
  }

  /** Listing answers claim a skip of one more than asked. */
  synchronized void skipWrongly() {
    this.skipWrongly = true;
  }

  /** Every token issued so far stops working, as after a restart of KeySecure. */
  synchronized void revokeTokens() {
    tokens.clear();
  }

  synchronized void fault(MockResponse response) {
    faults.add(response);
  }

  void fault(int status) {
    fault(error(status, 99, "NCERRInternal: injected failure " + status));
  }

  void dropConnection() {
    fault(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
  }

  void stall() {
    fault(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
  }

  /** The next request is carried out, but answered with a 502 as if a gateway lost the answer. */
  synchronized void loseNextAnswer() {
    loseNextAnswer = true;
  }

  synchronized ObjectNode secret(String name) {
    return secrets.get(name);
  }

  /** How many requests were refused for their token. */
  synchronized int rejectedRequests() {
    return rejected;
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

  long count(String line) {
    return requestLines().stream().filter(line::equals).count();
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
        response = error(400, 1, "NCERRBadRequest: " + e.getMessage());
      }
      if (loseNextAnswer) {
        loseNextAnswer = false;
        return error(502, 99, "NCERRBadGateway: bad gateway");
      }
      return response;
    }
  }

  private MockResponse route(RecordedRequest request) throws IOException {
    String method = request.getMethod();
    String path = request.getUrl().encodedPath();
    if (path.equals("/api/v1/auth/tokens") && method.equals("POST")) {
      return issueToken(JSON.readTree(request.getBody().utf8()));
    }
    if (!path.startsWith("/api/v1/vault/secrets")) {
      return new MockResponse.Builder().code(200).body("CipherTrust Manager").build();
    }
    if (!authorized(request)) {
      rejected++;
      return error(401, 1, "NCERRUnauthorized: Token is expired or invalid");
    }
    String rest = path.substring("/api/v1/vault/secrets".length());
    if (rest.isEmpty() && method.equals("POST")) {
      return create(JSON.readTree(request.getBody().utf8()));
    }
    if (rest.isEmpty() && method.equals("GET")) {
      return list(request);
    }
    if (rest.endsWith("/export") && method.equals("POST")) {
      requireTypeName(request);
      ObjectNode secret = secrets.get(rest.substring(1, rest.length() - "/export".length()));
      return secret == null ? notFound() : json(200, secret.deepCopy());
    }
    if (method.equals("DELETE")) {
      requireTypeName(request);
      return secrets.remove(rest.substring(1)) == null
          ? notFound()
          : new MockResponse.Builder().code(204).build();
    }
    return error(405, 1, "NCERRMethodNotAllowed: method not allowed");
  }

  private MockResponse issueToken(JsonNode body) {
    if (!"refresh_token".equals(body.path("grant_type").asText())) {
      return error(400, 1, "NCERRBadRequest: unsupported grant type");
    }
    if (!REFRESH_TOKEN.equals(body.path("refresh_token").asText())
        || !domain.equals(body.path("domain").asText(""))) {
      return error(401, 7, "NCERRAuthFailed: Invalid refresh token");
    }
    String jwt = "jwt-" + UUID.randomUUID();
    tokens.put(jwt, clock.instant().plus(tokenLifetime));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("jwt", jwt);
    answer.put("duration", tokenLifetime.toSeconds());
    answer.put("token_type", "Bearer");
    answer.put("client_id", "kes");
    return json(200, answer);
  }

  private MockResponse create(JsonNode body) {
    String name = body.path("name").asText("");
    if (name.isEmpty() || !"seed".equals(body.path("dataType").asText())) {
      return error(400, 1, "NCERRBadRequest: a name and dataType seed are required");
    }
    if (secrets.containsKey(name)) {
      return error(409, 4, "NCERRResourceAlreadyExists: Resource already exists");
    }
    ObjectNode secret = JSON.createObjectNode();
    secret.put("id", UUID.randomUUID().toString());
    secret.put("name", name);
    secret.put("dataType", "seed");
    secret.put("material", body.path("material").asText());
    secret.put("createdAt", clock.instant().toString());
    secrets.put(name, secret);
    ObjectNode answer = secret.deepCopy();
    answer.remove("material");
    return json(201, answer);
  }

  private MockResponse list(RecordedRequest request) {
    int limit = Math.min(Integer.parseInt(request.getUrl().queryParameter("limit")), maxPageSize);
    int skip = Integer.parseInt(request.getUrl().queryParameter("skip"));
    ObjectNode answer = JSON.createObjectNode();
    answer.put("skip", skipWrongly ? skip + 1 : skip);
    answer.put("limit", limit);
    answer.put("total", secrets.size());
    var resources = answer.putArray("resources");
    new ArrayList<>(secrets.values())
        .stream()
            .skip(skip)
            .limit(limit)
            .forEach(
                s ->
                    resources
                        .addObject()
                        .put("name", s.path("name").asText())
                        .put("id", s.path("id").asText()));
    return json(200, answer);
  }

  private boolean authorized(RecordedRequest request) {
    String header = request.getHeaders().get("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      return false;
    }
    Instant expiry = tokens.get(header.substring(7));
    return expiry != null && clock.instant().isBefore(expiry);
  }

  private static void requireTypeName(RecordedRequest request) {
    if (!"name".equals(request.getUrl().queryParameter("type"))) {
      throw new IllegalArgumentException("type=name is required");
    }
  }

  private static MockResponse notFound() {
    return error(404, 5, "NCERRResourceNotFound: Resource not found");
  }

  static MockResponse error(int status, int code, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code);
    body.put("codeDesc", description);
    return json(status, body);
  }

  static MockResponse json(int status, JsonNode body) {
    return new MockResponse.Builder()
        .code(status)
        .setHeader("Content-Type", "application/json")
        .body(body.toString())
        .build();
  }
}

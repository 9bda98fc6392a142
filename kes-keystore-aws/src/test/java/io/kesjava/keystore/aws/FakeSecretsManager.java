package io.kesjava.keystore.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small fake of AWS Secrets Manager's JSON 1.1 protocol on loopback, for the real SDK.
 *
 * <p>What it reproduces: {@code POST /} with {@code X-Amz-Target: secretsmanager.<Operation>} and
 * {@code application/x-amz-json-1.1}; a SigV4 {@code Authorization} header is required and its
 * credential scope recorded; errors as HTTP 400 with {@code {"__type": ..., "Message": ...}}
 * ({@code ResourceExistsException}, {@code ResourceNotFoundException}, {@code
 * InvalidRequestException} for secrets scheduled for deletion, {@code ThrottlingException}); a forced
 * delete of a missing secret succeeds; a forced delete frees the name only after a lag (AWS deletes
 * in the background); a delete with a recovery window keeps the name; {@code ListSecrets} pages by
 * {@code NextToken} in creation order (not sorted) and hides secrets scheduled for deletion.
 *
 * <p>Thread-safety: requests are served on several threads; state is guarded by {@code this}.
 */
public final class FakeSecretsManager implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ARN_PREFIX = "arn:aws:secretsmanager:us-east-2:123456789012:secret:";

  /** One secret: its current value, and whether it waits for the end of a recovery window. */
  private static final class Secret {
    final String arn;
    final String string;
    final byte[] binary;
    final String kmsKey;
    boolean scheduledForDeletion;

    Secret(String name, String string, byte[] binary, String kmsKey) {
      this.arn = ARN_PREFIX + name + "-" + UUID.randomUUID().toString().substring(0, 6);
      this.string = string;
      this.binary = binary;
      this.kmsKey = kmsKey;
    }
  }

  private final HttpServer server;
  private final Map<String, Secret> secrets = new LinkedHashMap<>();
  /** Force-deleted names AWS has not finished deleting: creates left before the name is free. */
  private final Map<String, Integer> beingDeleted = new LinkedHashMap<>();
  private final List<String> calls = new CopyOnWriteArrayList<>();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private int pageSize = 2;
  private int forceDeleteLag = 1;
  private int throttleNext;
  private final List<String[]> injected = new ArrayList<>();

  public FakeSecretsManager() throws IOException {
    // Without TCP_NODELAY, Nagle's algorithm and delayed ACKs add ~40 ms to every loopback call.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.start();
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  synchronized void pageSize(int size) {
    pageSize = size;
  }

  /** How many creates of a force-deleted name fail before AWS has freed it. */
  synchronized void forceDeleteLag(int creates) {
    forceDeleteLag = creates;
  }

  /** The next {@code n} requests fail with {@code ThrottlingException}. */
  synchronized void throttle(int n) {
    throttleNext = n;
  }

  /** The next request fails with this status, error code and message. */
  synchronized void failNext(int status, String code, String message) {
    injected.add(new String[] {String.valueOf(status), code, message});
  }

  /** Marks a secret as deleted with a recovery window, as someone else's {@code DeleteSecret}. */
  synchronized void scheduleDeletion(String name) {
    secrets.get(name).scheduledForDeletion = true;
  }

  /** Adds a secret as another application would, to check that listings include it. */
  synchronized void put(String name, String value) {
    secrets.put(name, new Secret(name, value, null, null));
  }

  synchronized boolean hasBinary(String name) {
    return secrets.get(name).binary != null;
  }

  synchronized String kmsKeyOf(String name) {
    return secrets.get(name).kmsKey;
  }

  /** The operations called so far, in order. */
  List<String> calls() {
    return List.copyOf(calls);
  }

  /** The JSON bodies received so far, in order. */
  List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  List<String> authorizations() {
    return List.copyOf(authorizations);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())) {
        // What the status probe sees: an answer, whatever it is.
        send(exchange, 404, JSON.createObjectNode().put("message", "not found"));
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (authorization == null || !authorization.startsWith("AWS4-HMAC-SHA256 Credential=")) {
        error(exchange, 400, "IncompleteSignatureException", "Authorization header is missing.");
        return;
      }
      authorizations.add(authorization);
      if (target == null
          || !target.startsWith("secretsmanager.")
          || !"application/x-amz-json-1.1".equals(contentType)) {
        error(exchange, 400, "UnknownOperationException", "");
        return;
      }
      String operation = target.substring("secretsmanager.".length());
      calls.add(operation);
      JsonNode request = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
      bodies.add(request);
      synchronized (this) {
        if (throttleNext > 0) {
          throttleNext--;
          error(exchange, 400, "ThrottlingException", "Rate exceeded");
          return;
        }
        if (!injected.isEmpty()) {
          String[] failure = injected.remove(0);
          error(exchange, Integer.parseInt(failure[0]), failure[1], failure[2]);
          return;
        }
        switch (operation) {
          case "CreateSecret" -> createSecret(exchange, request);
          case "GetSecretValue" -> getSecretValue(exchange, request);
          case "DeleteSecret" -> deleteSecret(exchange, request);
          case "ListSecrets" -> listSecrets(exchange, request);
          default -> error(exchange, 400, "UnknownOperationException", "");
        }
      }
    } finally {
      exchange.close();
    }
  }

  private void createSecret(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("Name").asText("");
    if (name.isEmpty() || request.has("SecretString") == request.has("SecretBinary")) {
      error(exchange, 400, "InvalidParameterException", "You must provide Name and one value.");
      return;
    }
    Secret existing = secrets.get(name);
    if (beingDeleted.containsKey(name) || (existing != null && existing.scheduledForDeletion)) {
      beingDeleted.computeIfPresent(name, (n, left) -> left <= 1 ? null : left - 1);
      error(exchange, 400, "InvalidRequestException",
          "You can't create this secret because a secret with this name is already scheduled for"
              + " deletion.");
      return;
    }
    if (existing != null) {
      error(exchange, 400, "ResourceExistsException",
          "The operation failed because the secret " + name + " already exists.");
      return;
    }
    Secret secret =
        request.has("SecretString")
            ? new Secret(name, request.get("SecretString").asText(), null, kms(request))
            : new Secret(name, null, request.get("SecretBinary").binaryValue(), kms(request));
    secrets.put(name, secret);
    send(exchange, 200, JSON.createObjectNode().put("ARN", secret.arn).put("Name", name)
        .put("VersionId", UUID.randomUUID().toString()));
  }

  private static String kms(JsonNode request) {
    return request.has("KmsKeyId") ? request.get("KmsKeyId").asText() : null;
  }

  private void getSecretValue(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("SecretId").asText("");
    Secret secret = secrets.get(name);
    if (beingDeleted.containsKey(name) || (secret != null && secret.scheduledForDeletion)) {
      error(exchange, 400, "InvalidRequestException",
          "You can't perform this operation on the secret because it was marked for deletion.");
      return;
    }
    if (secret == null) {
      error(exchange, 400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret.");
      return;
    }
    ObjectNode response = JSON.createObjectNode().put("ARN", secret.arn).put("Name", name)
        .put("VersionId", UUID.randomUUID().toString()).put("CreatedDate", 1.7e9);
    response.putArray("VersionStages").add("AWSCURRENT");
    if (secret.string != null) {
      response.put("SecretString", secret.string);
    } else {
      response.put("SecretBinary", Base64.getEncoder().encodeToString(secret.binary));
    }
    send(exchange, 200, response);
  }

  private void deleteSecret(HttpExchange exchange, JsonNode request) throws IOException {
    String name = request.path("SecretId").asText("");
    boolean force = request.path("ForceDeleteWithoutRecovery").asBoolean(false);
    Secret secret = secrets.get(name);
    if (secret == null && !force) {
      error(exchange, 400, "ResourceNotFoundException",
          "Secrets Manager can't find the specified secret.");
      return;
    }
    if (force) {
      // AWS answers a forced delete of a missing secret with success, and deletes in the background.
      if (secrets.remove(name) != null && forceDeleteLag > 0) {
        beingDeleted.put(name, forceDeleteLag);
      }
    } else {
      secret.scheduledForDeletion = true;
    }
    send(exchange, 200, JSON.createObjectNode()
        .put("ARN", secret == null ? ARN_PREFIX + name : secret.arn).put("Name", name)
        .put("DeletionDate", 1.7e9));
  }

  private void listSecrets(HttpExchange exchange, JsonNode request) throws IOException {
    int max = request.path("MaxResults").asInt(100);
    int start = 0;
    if (request.has("NextToken")) {
      try {
        start = Integer.parseInt(new String(
            Base64.getDecoder().decode(request.get("NextToken").asText()), StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        error(exchange, 400, "InvalidNextTokenException", "The NextToken value is invalid.");
        return;
      }
    }
    List<Map.Entry<String, Secret>> visible = new ArrayList<>();
    for (Map.Entry<String, Secret> entry : secrets.entrySet()) {
      if (!entry.getValue().scheduledForDeletion) {
        visible.add(entry);
      }
    }
    int end = Math.min(visible.size(), start + Math.min(max, pageSize));
    ObjectNode response = JSON.createObjectNode();
    var list = response.putArray("SecretList");
    for (Map.Entry<String, Secret> entry : visible.subList(Math.min(start, end), end)) {
      list.addObject().put("ARN", entry.getValue().arn).put("Name", entry.getKey());
    }
    if (end < visible.size()) {
      response.put("NextToken", Base64.getEncoder().encodeToString(
          String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
    }
    send(exchange, 200, response);
  }

  private static void error(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    send(exchange, status, JSON.createObjectNode().put("__type", code).put("Message", message));
  }

  private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}

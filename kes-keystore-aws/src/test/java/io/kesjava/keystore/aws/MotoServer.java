package io.kesjava.keystore.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * moto, the widely used AWS emulator, as a real Secrets Manager and KMS for the tests: {@code
 * python3 -m moto.server -H 127.0.0.1 -p <free port>}, plain HTTP on loopback. It accepts any
 * credentials and does not check SigV4 signatures.
 *
 * <p>One server serves a whole test JVM ({@link #shared()}); it takes a few seconds to start and is
 * stopped by its process id when the JVM exits. Where moto is not installed (no {@code python3}, or
 * no {@code moto} module), {@link #shared()} is empty and {@link #unavailableReason()} says why, so
 * that tests can be skipped with that reason.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public final class MotoServer {

  private static final Duration START = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static MotoServer shared;
  private static String unavailable;

  private final Process process;
  private final URI endpoint;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private MotoServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** The moto server of this JVM, started on first use; empty where moto cannot run. */
  public static synchronized Optional<MotoServer> shared() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
        MotoServer server = shared;
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "moto-stop"));
      } catch (Unavailable e) {
        unavailable = e.getMessage();
      }
    }
    return Optional.ofNullable(shared);
  }

  /** Why moto cannot run here, for a skipped test; empty when it runs. */
  public static synchronized String unavailableReason() {
    shared();
    return unavailable == null ? "" : unavailable;
  }

  private static MotoServer start() throws Unavailable {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnAFreePort();
      } catch (PortTaken e) {
        if (attempt == 3) {
          throw new IllegalStateException("moto did not start: " + e.getMessage());
        }
      }
    }
  }

  private static MotoServer startOnAFreePort() throws Unavailable, PortTaken {
    Path log;
    int port;
    Process process;
    try {
      log = Files.createTempFile("kes-moto-", ".log");
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
        port = socket.getLocalPort();
      }
      ProcessBuilder builder =
          new ProcessBuilder(
                  "python3", "-m", "moto.server", "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // moto must never reach AWS, and it needs no credentials of the machine.
      builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
      process = builder.start();
    } catch (IOException e) {
      throw new Unavailable(
          "moto is not installed here: cannot run python3 (" + e.getMessage() + ")");
    }
    MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port), log);
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String output = server.output();
        server.stop();
        if (output.contains("No module named")) {
          throw new Unavailable(
              "moto is not installed here: python3 -m moto.server says: " + output.strip());
        }
        if (output.contains("already in use")) {
          // Another process took the free port between our check and moto's bind.
          throw new PortTaken(output.strip());
        }
        // Installed but broken: a failure, not a reason to skip.
        throw new IllegalStateException("moto did not start: " + output.strip());
      }
      if (server.answers()) {
        return server;
      }
      sleep(100);
    }
    server.stop();
    throw new IllegalStateException(
        "moto did not answer within " + START + ":\n" + server.output());
  }

  /** The server's URL, {@code http://127.0.0.1:<port>}: Secrets Manager's and KMS's endpoint. */
  public URI endpoint() {
    return endpoint;
  }

  /** Forgets every secret and KMS key, as a fresh server would. */
  public void reset() {
    HttpResponse<String> response =
        send(
            HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    if (response.statusCode() != 200) {
      throw new IllegalStateException("moto reset: HTTP " + response.statusCode());
    }
  }

  /**
   * Creates a symmetric KMS key in moto's KMS ({@code TrentService.CreateKey}) and returns its ARN.
   */
  public String createKmsKey(String region) {
    JsonNode answer = call("kms", region, "TrentService.CreateKey", "{\"Description\":\"kes\"}");
    return answer.path("KeyMetadata").path("Arn").asText();
  }

  /**
   * A call of AWS's JSON 1.1 protocol, signed with a made-up credential (moto checks none).
   *
   * @throws IllegalStateException if moto answers with an error
   */
  public JsonNode call(String service, String region, String target, String body) {
    HttpResponse<String> response = send(request(service, region, target, body));
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          target + ": HTTP " + response.statusCode() + ": " + response.body());
    }
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(target + ": not JSON: " + response.body(), e);
    }
  }

  /** The same call; the status and body as they are, errors included. */
  public HttpResponse<String> send(String service, String region, String target, String body) {
    return send(request(service, region, target, body));
  }

  private HttpRequest.Builder request(String service, String region, String target, String body) {
    return HttpRequest.newBuilder(endpoint)
        .header("X-Amz-Target", target)
        .header("Content-Type", "application/x-amz-json-1.1")
        .header(
            "Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20250101/"
                + region
                + "/"
                + service
                + "/aws4_request, SignedHeaders=host, Signature=0")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("moto: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private boolean answers() {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() < 500;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** What moto printed so far. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  /** Stops moto by its process id (and any process it started), and deletes its log. */
  private void stop() {
    List<ProcessHandle> all =
        java.util.stream.Stream.concat(
                process.toHandle().descendants(), java.util.stream.Stream.of(process.toHandle()))
            .toList();
    all.forEach(ProcessHandle::destroy);
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        all.forEach(ProcessHandle::destroyForcibly);
      }
    } catch (InterruptedException e) {
      all.forEach(ProcessHandle::destroyForcibly);
      Thread.currentThread().interrupt();
    }
    try {
      Files.deleteIfExists(log);
    } catch (IOException e) {
      // a temporary file
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The port was taken before moto could bind it. */
  private static final class PortTaken extends Exception {
    PortTaken(String message) {
      super(message);
    }
  }

  /** moto cannot run here. */
  private static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  @Override
  public String toString() {
    return "MotoServer[" + endpoint + ", pid " + process.pid() + "]";
  }
}

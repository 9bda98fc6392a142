package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code kes} command as a user runs it: {@code kes server --config FILE} in its own JVM
 * (this module's main class, {@link KesMain}), and the client commands against it, with the
 * environment variables of {@code docs/cli.md#connecting-to-a-server}.
 */
class ServerProcessTest {

  private static final Duration START = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void clientCommands_driveAServerStartedFromAConfigFile() throws Exception {
    ApiKey admin = ApiKey.generate();
    ApiKey app = ApiKey.generate();
    CertifiedKey tls = SelfSigned.server().build();
    Files.writeString(dir.resolve("server.key"), Pem.encodePrivateKey(tls.privateKey()));
    Files.writeString(dir.resolve("server.cert"), Pem.encodeCertificate(tls.certificate()));
    int port = freePort();
    Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "version: v1",
        "address: 127.0.0.1:" + port,
        "admin:",
        "  identity: ${KES_TEST_ADMIN}",
        "tls:",
        "  key: " + dir.resolve("server.key"),
        "  cert: " + dir.resolve("server.cert"),
        "policy:",
        "  app:",
        "    allow:",
        "    - /v1/key/create/app-*",
        "    - /v1/key/generate/app-*",
        "    - /v1/key/decrypt/app-*",
        "    identities:",
        "    - " + app.identity().value(),
        "keys:",
        "  - name: configured-key",
        "keystore:",
        "  fs:",
        "    path: " + dir.resolve("keys"),
        ""));
    Process server = startServer(port, admin);
    try {
      Map<String, String> env = new HashMap<>();
      env.put("KES_SERVER", "http://127.0.0.1:" + port); // http:// is replaced, as by KES
      env.put("KES_API_KEY", admin.revealText());
      awaitReady(env, server);

      assertThat(kes(env, "key", "ls", "-k").out()).isEqualTo("Key\nconfigured-key\n");
      assertThat(kes(env, "key", "create", "-k", "app-one", "other").status()).isZero();
      assertThat(Files.exists(dir.resolve("keys").resolve("app-one"))).isTrue();
      assertThat(kes(env, "policy", "ls", "-k").out()).isEqualTo("Policy\napp\n");

      Map<String, String> appEnv = Map.of("MINIO_KES_SERVER", "127.0.0.1:" + port,
          "MINIO_KES_API_KEY", app.revealText());
      String dek = kes(appEnv, "key", "dek", "-k", "app-one").out();
      String ct = new ObjectMapper().readTree(dek).get("ciphertext").asText();
      assertThat(kes(appEnv, "key", "decrypt", "-k", "app-one", ct).out())
          .isEqualTo("{\"plaintext\":\"" + new ObjectMapper().readTree(dek).get("plaintext")
              .asText() + "\"}");
      assertThat(kes(appEnv, "key", "rm", "-k", "app-one")).isEqualTo(new Result(1, "",
          "Error: failed to remove key \"app-one\": not authorized: insufficient permissions\n"));
      assertThat(kes(appEnv, "identity", "info", "-k").out()).contains("Role        User\n");
    } finally {
      server.destroy();
      if (!server.waitFor(10, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
    }
    assertThat(Files.readString(dir.resolve("server.log"))).contains("127.0.0.1:" + port);
  }

  private Process startServer(int port, ApiKey admin) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp",
        System.getProperty("java.class.path"), KesMain.class.getName(), "server", "--config",
        dir.resolve("config.yml").toString());
    pb.environment().put("KES_TEST_ADMIN", admin.identity().value());
    pb.redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile());
    return pb.start();
  }

  private void awaitReady(Map<String, String> env, Process server) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (true) {
      Result r = kes(env, "status", "-k", "--json");
      if (r.status() == 0) {
        return;
      }
      if (!server.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the server did not start: " + r.err()
            + Files.readString(dir.resolve("server.log")));
      }
      Thread.sleep(100); // polling a process that starts; the outcome does not depend on it
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

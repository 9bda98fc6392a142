package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.ApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole {@code kes} command as a user runs it: {@code kes server --config FILE} in its own
 * JVM ({@link KesProcess}), and the client commands against it, with the environment variables of
 * docs/cli.md.
 */
class ServerProcessTest {

  @TempDir Path dir;

  @Test
  void clientCommands_driveAServerStartedFromAConfigFile() throws Exception {
    ApiKey admin = ApiKey.generate();
    ApiKey app = ApiKey.generate();
    KesProcess.writeTls(dir);
    int port = KesProcess.freePort();
    Files.writeString(dir.resolve("config.yml"), KesProcess.config(dir, port, admin,
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
        "    path: " + dir.resolve("keys"))
        .replace("  identity: " + admin.identity().value(), "  identity: ${KES_TEST_ADMIN}"));
    Path log;
    try (KesProcess server = KesProcess.server(dir.resolve("config.yml"), port, admin,
        Map.of("KES_TEST_ADMIN", admin.identity().value()))) {
      log = server.log;
      Map<String, String> env = new HashMap<>();
      env.put("KES_SERVER", "http://127.0.0.1:" + port); // http:// is replaced, as by KES
      env.put("KES_API_KEY", admin.revealText());

      assertThat(kes(env, "key", "ls", "-k").out()).isEqualTo("Key\nconfigured-key\n");
      assertThat(kes(env, "key", "create", "-k", "app-one", "other").status()).isZero();
      assertThat(Files.exists(dir.resolve("keys").resolve("app-one"))).isTrue();
      assertThat(kes(env, "policy", "ls", "-k").out()).isEqualTo("Policy\napp\n");

      Map<String, String> appEnv = Map.of("MINIO_KES_SERVER", "127.0.0.1:" + port,
          "MINIO_KES_API_KEY", app.revealText());
      String dek = kes(appEnv, "key", "dek", "-k", "app-one").out();
      assertThat(dek).endsWith("}\n");
      String ct = new ObjectMapper().readTree(dek).get("ciphertext").asText();
      assertThat(kes(appEnv, "key", "decrypt", "-k", "app-one", ct).out())
          .isEqualTo("{\"plaintext\":\"" + new ObjectMapper().readTree(dek).get("plaintext")
              .asText() + "\"}\n");
      assertThat(kes(appEnv, "key", "rm", "-k", "app-one")).isEqualTo(new Result(1, "",
          "Error: failed to remove key \"app-one\": not authorized: insufficient permissions\n"));
      assertThat(kes(appEnv, "identity", "info", "-k").out()).contains("Role        User\n");
    }
    assertThat(Files.readString(log)).contains("127.0.0.1:" + port);
  }
}

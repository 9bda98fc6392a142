package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.ApiKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kes ls} and {@code kes migrate} end to end: a real {@code kes server --config} process
 * on a fs key store, listed with {@code kes ls}; its keys copied by a real {@code kes migrate}
 * process into a second fs key store; a second server on that store decrypts a data key the first
 * one generated before the migration, which only works if the stored values were copied verbatim.
 */
class LsMigrateProcessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private final ApiKey admin = ApiKey.generate();
  private final ApiKey app = ApiKey.generate();

  private Path config(String name, int port, String keys) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, KesProcess.config(dir, port, admin,
        "policy:",
        "  app:",
        "    allow:",
        "    - /v1/key/generate/app-*",
        "    - /v1/key/decrypt/app-*",
        "    identities:",
        "    - " + app.identity().value(),
        "  auditor:",
        "    allow:",
        "    - /v1/log/audit",
        "keystore:",
        "  fs:",
        "    path: " + dir.resolve(keys)));
    return file;
  }

  @Test
  void ls_thenMigrate_thenTheTargetsServerDecryptsWhatTheSourceMade() throws Exception {
    KesProcess.writeTls(dir);
    int portA = KesProcess.freePort();
    Path configA = config("a.yml", portA, "keys-a");
    String plaintext;
    String ciphertext;
    try (KesProcess a = KesProcess.server(configA, portA, admin, Map.of())) {
      Map<String, String> env = a.clientEnv(admin);
      assertThat(kes(env, "key", "create", "-k", "app-one", "app-two", "other").status())
          .isZero();
      checkLs(a, env);

      JsonNode dek = JSON.readTree(kes(a.clientEnv(app), "key", "dek", "-k", "app-one").out());
      plaintext = dek.get("plaintext").asText();
      ciphertext = dek.get("ciphertext").asText();
    }

    int portB = KesProcess.freePort();
    Path configB = config("b.yml", portB, "keys-b");
    KesProcess.Run migrate = KesProcess.run(Map.of(), "migrate", "--from", configA.toString(),
        "--to", configB.toString());
    assertThat(migrate).isEqualTo(new KesProcess.Run(0,
        "Starting key migration:\n\nMigrated      3 keys successfully!\n", ""));
    for (String key : List.of("app-one", "app-two", "other")) {
      assertThat(Files.readAllBytes(dir.resolve("keys-b").resolve(key)))
          .isEqualTo(Files.readAllBytes(dir.resolve("keys-a").resolve(key)));
    }

    try (KesProcess b = KesProcess.server(configB, portB, admin, Map.of())) {
      Map<String, String> appEnv = b.clientEnv(app);
      assertThat(kes(appEnv, "key", "decrypt", "-k", "app-one", ciphertext))
          .isEqualTo(new Result(0, "{\"plaintext\":\"" + plaintext + "\"}\n", ""));
      assertThat(kes(b.clientEnv(admin), "ls", "-k").out())
          .isEqualTo("Key\napp-one\napp-two\nother\n");
      // A second run finds every key in the target: KES's error, and the count.
      KesProcess.Run again = KesProcess.run(Map.of(), "migrate", "--from", configA.toString(),
          "--to", configB.toString(), "app-*");
      assertThat(again.status()).isEqualTo(1);
      assertThat(again.out()).isEqualTo("Starting key migration:\n\n");
      assertThat(again.err()).isEqualTo("Error: failed to migrate key 'app-one': fs: key"
          + " 'app-one' already exists (migrated 0 keys before the error)\n");
    }
  }

  private void checkLs(KesProcess server, Map<String, String> env) throws Exception {
    String adminId = admin.identity().value();
    String appId = app.identity().value();

    assertThat(kes(env, "ls", "-k")).isEqualTo(new Result(0, "Key\napp-one\napp-two\nother\n",
        ""));
    assertThat(kes(env, "ls", "-k", "app")).isEqualTo(new Result(0, "Key\napp-one\napp-two\n",
        ""));
    assertThat(kes(env, "ls", "-k", "--json")).isEqualTo(new Result(0,
        "[\"app-one\",\"app-two\",\"other\"]\n", ""));
    assertThat(kes(env, "ls", "-k", "--json", "nothing")).isEqualTo(new Result(0, "[]\n", ""));
    assertThat(kes(env, "ls", "-k", "nothing")).isEqualTo(new Result(0, "", ""));

    assertThat(kes(env, "ls", "-k", "-p")).isEqualTo(new Result(0, "Policy\napp\nauditor\n",
        ""));
    assertThat(kes(env, "ls", "-k", "--policy", "--json", "aud")).isEqualTo(new Result(0,
        "[\"auditor\"]\n", ""));

    TreeSet<String> ids = new TreeSet<>(List.of(adminId, appId));
    assertThat(kes(env, "ls", "-k", "-i")).isEqualTo(new Result(0,
        "Identity\n" + String.join("\n", ids) + "\n", ""));
    assertThat(kes(env, "ls", "-k", "--identity", appId.substring(0, 8)))
        .isEqualTo(new Result(0, "Identity\n" + appId + "\n", ""));

    // A terminal gets an underlined header.
    assertThat(kes(env, true, "ls", "-k", "other").out()).isEqualTo("\033[4mKey\033[0m\nother\n");

    // -s and -a instead of the environment; -a wins over key files in the environment.
    Map<String, String> none = Map.of("KES_CLIENT_KEY", "/nonexistent.key");
    assertThat(kes(none, "ls", "-k", "-s", "127.0.0.1:" + server.port, "-a",
        admin.revealText(), "other")).isEqualTo(new Result(0, "Key\nother\n", ""));
    assertThat(kes(Map.of("KES_SERVER", "127.0.0.1:1"), "ls", "-k", "--server",
        "http://127.0.0.1:" + server.port, "--api-key", admin.revealText(), "--json", "other"))
        .isEqualTo(new Result(0, "[\"other\"]\n", ""));

    // Errors.
    assertThat(kes(env, "ls", "-k", "-i", "-p")).isEqualTo(new Result(1, "",
        "Error: '-p / --policy' and '-i / --identity' must not be used at the same time\n"));
    assertThat(kes(env, "ls", "-k", "a", "b"))
        .isEqualTo(new Result(1, "", "Error: too many arguments\n"));
    assertThat(kes(server.clientEnv(app), "ls", "-k")).isEqualTo(new Result(1, "",
        "Error: not authorized: insufficient permissions\n"));
    assertThat(kes(Map.of("KES_SERVER", "127.0.0.1:" + server.port), "ls", "-k"))
        .isEqualTo(new Result(1, "",
            "Error: no API key specified. Consider setting MINIO_KES_API_KEY\n"));
  }
}

package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.ApiKey;
import io.kesjava.keystore.FileSystemKeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
    int portB = KesProcess.freePort();
    Path configA = config("a.yml", portA, "keys-a");
    Path configB = config("b.yml", portB, "keys-b");
    // B starts on its empty store meanwhile; it reads keys from the store when first used.
    CompletableFuture<KesProcess> startB = CompletableFuture.supplyAsync(() -> {
      try {
        return KesProcess.server(configB, portB, admin, Map.of());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try (KesProcess a = KesProcess.server(configA, portA, admin, Map.of());
        KesProcess b = startB.get(120, TimeUnit.SECONDS)) {
      Map<String, String> env = a.clientEnv(admin);
      assertThat(kes(env, "key", "create", "-k", "app-one", "app-two", "other").status())
          .isZero();
      checkLs(a, env);
      assertThat(kes(b.clientEnv(admin), "ls", "-k")).isEqualTo(new Result(0, "", ""));

      JsonNode dek = JSON.readTree(kes(a.clientEnv(app), "key", "dek", "-k", "app-one").out());
      String plaintext = dek.get("plaintext").asText();
      String ciphertext = dek.get("ciphertext").asText();

      KesProcess.Run migrate = KesProcess.run(Map.of(), "migrate", "--from", configA.toString(),
          "--to", configB.toString());
      assertThat(migrate).isEqualTo(new KesProcess.Run(0,
          "Starting key migration:\n\nMigrated      3 keys successfully!\n", ""));
      for (String key : List.of("app-one", "app-two", "other")) {
        assertThat(Files.readAllBytes(dir.resolve("keys-b").resolve(key)))
            .isEqualTo(Files.readAllBytes(dir.resolve("keys-a").resolve(key)));
      }

      Map<String, String> appEnv = b.clientEnv(app);
      assertThat(kes(appEnv, "key", "decrypt", "-k", "app-one", ciphertext))
          .isEqualTo(new Result(0, "{\"plaintext\":\"" + plaintext + "\"}\n", ""));
      assertThat(kes(b.clientEnv(admin), "ls", "-k").out())
          .isEqualTo("Key\napp-one\napp-two\nother\n");
      // A second run finds the keys in the target: the store's error, and the count.
      KesProcess.Run again = KesProcess.run(Map.of(), "migrate", "--from", configA.toString(),
          "--to", configB.toString(), "app-*");
      assertThat(again.status()).isEqualTo(1);
      assertThat(again.out()).isEqualTo("Starting key migration:\n\n");
      assertThat(again.err()).isEqualTo("Error: failed to migrate key 'app-one': fs: key"
          + " 'app-one' already exists (migrated 0 keys before the error)\n");
    } finally {
      startB.thenAccept(KesProcess::close);
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

  /**
   * A TERM signal (as Ctrl-C sends INT; both run the JVM's shutdown) stops a running migration
   * after the key being copied: the target holds complete keys only, and the error says how many.
   */
  @Test
  void migrate_stoppedBySignal_endsBetweenKeys() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    try (FileSystemKeyStore s = FileSystemKeyStore.open(from)) {
      for (int i = 0; i < 20; i++) {
        s.create(String.format("key-%02d", i), ("value " + i).getBytes(UTF_8));
      }
    }
    Path fromYml = dir.resolve("from.yml");
    Files.writeString(fromYml, KesProcess.config(dir, 7373, admin, "keystore:", "  fs:",
        "    path: " + from));
    Path toYml = dir.resolve("to.yml");
    Files.writeString(toYml, KesProcess.config(dir, 7373, admin, "keystore:", "  flaky:",
        "    path: " + to, "    create_delay_ms: 500"));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = KesProcess.start(Map.of(), out, err, "migrate", "--from", fromYml.toString(),
        "--to", toYml.toString());
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(out).contains("Starting key migration:")) {
        assertThat(p.isAlive()).as("kes migrate runs").isTrue();
        assertThat(System.nanoTime()).as("kes migrate started in time").isLessThan(deadline);
        Thread.sleep(50); // polling a process that starts
      }
      Thread.sleep(700); // let it copy a key or two (each create takes 500 ms)
      p.destroy();
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    String error = Files.readString(err);
    Matcher m = Pattern.compile("Error: migration interrupted \\(migrated ([0-9]+) keys?"
        + " before the interruption\\)\n").matcher(error);
    assertThat(m.matches()).as(error).isTrue();
    int migrated = Integer.parseInt(m.group(1));
    assertThat(migrated).isBetween(1, 19);
    List<String> copied;
    try (Stream<Path> files = Files.list(to)) {
      copied = files.map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("."))
          .sorted().toList();
    }
    assertThat(copied).hasSize(migrated);
    for (String name : copied) {
      assertThat(Files.readAllBytes(to.resolve(name))).isEqualTo(Files.readAllBytes(
          from.resolve(name)));
    }
  }
}

package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.cli.CliServer.Result;
import io.kesjava.keystore.FileSystemKeyStore;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreRegistry;
import io.kesjava.keystore.vault.FakeVault;
import io.kesjava.server.config.ConfigParser;
import io.kesjava.server.config.KeyStoreSection;
import io.kesjava.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kes migrate} run as a user runs it (in-process {@link KesMain}, arguments and environment
 * injected), between real key stores: fs directories, kes-keystore-vault's fake of Vault, and a fs
 * store that fails on a chosen call ({@link FlakyKeyStore}, found by ServiceLoader as {@code
 * flaky}).
 */
class MigrateCommandTest {

  private static final String ADMIN =
      "3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22";
  private static final String START = "Starting key migration:\n\n";

  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();

  /** A complete server config file whose key store is {@code keystore} (indented lines). */
  private Path config(String file, String... keystore) throws IOException {
    List<String> lines = new ArrayList<>(List.of("version: v1", "address: 0.0.0.0:7373",
        "admin:", "  identity: " + ADMIN, "tls:", "  key: server.key", "  cert: server.cert",
        "keystore:"));
    lines.addAll(List.of(keystore));
    Path p = dir.resolve(file);
    Files.writeString(p, String.join("\n", lines) + "\n");
    return p;
  }

  private Path fs(String file, Path keys) throws IOException {
    return config(file, "  fs:", "    path: " + keys);
  }

  /** Any bytes: a verbatim copy must not parse or re-encode them. */
  private static byte[] value(String name) {
    return ("{\"bytes\":\"not a real key\",\"name\":\"" + name + "\"}\u0000\u00ff\n")
        .getBytes(UTF_8);
  }

  private static void put(Path keys, String... names) {
    try (FileSystemKeyStore s = FileSystemKeyStore.open(keys)) {
      for (String n : names) {
        s.create(n, value(n));
      }
    }
  }

  private static List<String> files(Path keys) throws IOException {
    if (!Files.exists(keys)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(keys)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted()
          .toList();
    }
  }

  private Result migrate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "migrate";
    System.arraycopy(args, 0, all, 1, args.length);
    return kes(env, all);
  }

  private static void assertError(Result r, String message) {
    assertThat(r.status()).as(r.toString()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("Error: " + message + "\n");
  }

  // ---- fs to fs ----

  @Test
  void fsToFs_copiesEveryKey_byteForByte() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "key-a", "key-b", "other");
    Result r = migrate("--from", fs("from.yml", from).toString(), "--to",
        fs("to.yml", to).toString());
    assertThat(r).isEqualTo(new Result(0, START + "Migrated      3 keys successfully!\n", ""));
    assertThat(files(to)).containsExactly("key-a", "key-b", "other");
    for (String n : files(to)) {
      assertThat(Files.readAllBytes(to.resolve(n))).isEqualTo(Files.readAllBytes(from.resolve(n)));
    }
    assertThat(files(from)).containsExactly("key-a", "key-b", "other"); // the source is untouched
  }

  @Test
  void oneKey_isSingular_andNoKeys_saysSo() throws Exception {
    Path from = dir.resolve("from");
    put(from, "only");
    Path fromYml = fs("from.yml", from);
    assertThat(migrate("--from", fromYml.toString(), "--to",
        fs("to.yml", dir.resolve("to")).toString()).out())
        .isEqualTo(START + "Migrated      1 key successfully!\n");
    assertThat(migrate("--from", fromYml.toString(), "--to",
        fs("none.yml", dir.resolve("none")).toString(), "nothing-*"))
        .isEqualTo(new Result(0, START + "Migration succeeded! No keys migrated.\n", ""));
  }

  @Test
  void pattern_selectsKeysWithShellGlobs() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "app-1", "app-2", "app-10", "db-1", "db-x");
    Path fromYml = fs("from.yml", from);
    Path toYml = fs("to.yml", to);
    assertThat(migrate("--from", fromYml.toString(), "--to", toYml.toString(), "app-?").out())
        .endsWith("Migrated      2 keys successfully!\n");
    assertThat(files(to)).containsExactly("app-1", "app-2");
    assertThat(migrate("--from", fromYml.toString(), "--to", toYml.toString(), "db-[0-9]")
        .status()).isZero();
    assertThat(files(to)).containsExactly("app-1", "app-2", "db-1");
    assertError(migrate("--from", fromYml.toString(), "--to", toYml.toString(), "app-["),
        "invalid pattern 'app-[': syntax error in pattern");
  }

  @Test
  void manyKeys_areCopiedOverSeveralListingPages() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    String[] names = new String[12];
    for (int i = 0; i < names.length; i++) {
      names[i] = "key-" + (char) ('a' + i);
    }
    put(from, names);
    ByteArrayOutput out = new ByteArrayOutput();
    Cli cli = new Cli(out.print(), out.print(), false, env::get, null);
    picocli.CommandLine line = new picocli.CommandLine(new MigrateCommand(cli, 5));
    int status = line.execute("--from", fs("from.yml", from).toString(), "--to",
        config("to.yml", "  flaky:", "    path: " + to).toString());
    assertThat(status).as(out.text()).isZero();
    assertThat(out.text()).endsWith("Migrated     12 keys successfully!\n");
    assertThat(files(to)).containsExactly(names);
  }

  // ---- conflicts ----

  @Test
  void anExistingKey_abortsWithTheStoresError_unlessForceOrMerge() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "a", "b", "c");
    try (FileSystemKeyStore target = FileSystemKeyStore.open(to)) {
      target.create("b", "the target's b".getBytes(UTF_8));
    }
    String fromYml = fs("from.yml", from).toString();
    String toYml = fs("to.yml", to).toString();

    Result abort = migrate("--from", fromYml, "--to", toYml);
    assertError(abort, "failed to migrate key 'b': fs: key 'b' already exists"
        + " (migrated 1 key before the error)");
    assertThat(abort.out()).isEqualTo(START);
    assertThat(files(to)).containsExactly("a", "b");
    assertThat(Files.readString(to.resolve("b"))).isEqualTo("the target's b");

    Result merge = migrate("--from", fromYml, "--to", toYml, "--merge");
    assertThat(merge).isEqualTo(new Result(0, START + "Migrated      1 key successfully!\n", ""));
    assertThat(files(to)).containsExactly("a", "b", "c");
    assertThat(Files.readString(to.resolve("b"))).isEqualTo("the target's b");

    Result force = migrate("--from", fromYml, "--to", toYml, "-f");
    assertThat(force).isEqualTo(new Result(0, START + "Migrated      3 keys successfully!\n",
        ""));
    for (String n : List.of("a", "b", "c")) {
      assertThat(Files.readAllBytes(to.resolve(n))).isEqualTo(value(n));
    }
  }

  // ---- failures half way ----

  @Test
  void aTargetFailingInTheMiddle_leavesCompleteKeysOnly_andSaysHowMany() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "a", "b", "c", "d", "e");
    Result r = migrate("--from", fs("from.yml", from).toString(), "--to",
        config("to.yml", "  flaky:", "    path: " + to, "    fail_create: 4").toString());
    assertError(r, "failed to migrate key 'd': flaky: create number 4 (key 'd') failed"
        + " (migrated 3 keys before the error)");
    assertThat(files(to)).containsExactly("a", "b", "c");
    for (String n : files(to)) {
      assertThat(Files.readAllBytes(to.resolve(n))).isEqualTo(value(n));
    }
  }

  @Test
  void force_aCreateFailingAfterTheDelete_restoresTheTargetsKey() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "a", "b", "c");
    try (FileSystemKeyStore target = FileSystemKeyStore.open(to)) {
      target.create("b", "the target's b".getBytes(UTF_8));
    }
    // creates: 1 a, 2 b (exists), 3 b after the delete (fails), 4 the target's b again.
    Result r = migrate("--force", "--from", fs("from.yml", from).toString(), "--to",
        config("to.yml", "  flaky:", "    path: " + to, "    fail_create: 3").toString());
    assertError(r, "failed to migrate key 'b': flaky: create number 3 (key 'b') failed;"
        + " the target's previous value of key 'b' was restored (migrated 1 key before the"
        + " error)");
    assertThat(files(to)).containsExactly("a", "b");
    assertThat(Files.readString(to.resolve("b"))).isEqualTo("the target's b");
  }

  @Test
  void force_whenTheRestoreFailsToo_theErrorNamesTheMissingKey() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "a", "b");
    try (FileSystemKeyStore target = FileSystemKeyStore.open(to)) {
      target.create("a", "the target's a".getBytes(UTF_8));
    }
    Result r = migrate("--force", "--from", fs("from.yml", from).toString(), "--to",
        config("to.yml", "  flaky:", "    path: " + to, "    fail_create: 2, 3").toString());
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("Error: failed to migrate key 'a': flaky: create number 2")
        .contains("key 'a' is now missing in the target")
        .endsWith("(migrated 0 keys before the error)\n");
    assertThat(files(to)).isEmpty();
  }

  // ---- Vault ----

  @Test
  void fsToVaultAndBack_keepsTheStoredBytes() throws Exception {
    Path from = dir.resolve("from");
    Path back = dir.resolve("back");
    put(from, "vault-1", "vault-2", "skipped");
    try (FakeVault vault = FakeVault.start(new MutableClock())
        .kv("ns1", "kv", 2)
        .appRole("ns1", "approle", "role-id", "secret-id", Duration.ofHours(1),
            Duration.ofHours(24), true)) {
      env.put("KES_TEST_VAULT_SECRET", "secret-id");
      Path vaultYml = config("vault.yml",
          "  vault:",
          "    endpoint: " + vault.endpoint(),
          "    engine: kv",
          "    version: v2",
          "    namespace: ns1",
          "    prefix: tenant-1",
          "    approle:",
          "      engine: approle",
          "      id: role-id",
          "      secret: ${KES_TEST_VAULT_SECRET}");
      Result there = migrate("--from", fs("from.yml", from).toString(), "--to",
          vaultYml.toString(), "vault-*");
      assertThat(there).isEqualTo(new Result(0, START + "Migrated      2 keys successfully!\n",
          ""));
      try (KeyStore target = open(vaultYml)) {
        assertThat(target.list("", "", 0).names()).containsExactly("vault-1", "vault-2");
        assertThat(target.get("vault-1")).isEqualTo(value("vault-1"));
      }
      Result conflict = migrate("--from", fs("from.yml", from).toString(), "--to",
          vaultYml.toString(), "vault-1");
      assertThat(conflict.status()).isEqualTo(1);
      assertThat(conflict.err()).startsWith("Error: failed to migrate key 'vault-1': vault: ")
          .contains("already exists").endsWith("(migrated 0 keys before the error)\n");

      Result home = migrate("--from", vaultYml.toString(), "--to",
          fs("back.yml", back).toString());
      assertThat(home.out()).endsWith("Migrated      2 keys successfully!\n");
      for (String n : List.of("vault-1", "vault-2")) {
        assertThat(Files.readAllBytes(back.resolve(n))).isEqualTo(Files.readAllBytes(
            from.resolve(n)));
      }
    }
  }

  private KeyStore open(Path config) {
    KeyStoreSection s = ConfigParser.builder().environment(env::get).build().parse(config)
        .keyStore();
    return KeyStoreRegistry.load().create(s.backend(), s.config());
  }

  // ---- flags, config files ----

  @Test
  void flags_areCheckedInKesOrder_withKesMessages() throws Exception {
    String a = fs("a.yml", dir.resolve("a")).toString();
    String b = fs("b.yml", dir.resolve("b")).toString();
    assertError(migrate("--from", a, "--to", b, "x", "y"), "too many arguments");
    assertError(migrate("--to", b), "no source specified. Use '--from' flag");
    assertError(migrate("--from", a, "--to", b, "-s", "kms:7373"),
        "cannot use '-s / --server' and '--to' flag");
    assertError(migrate("--from", a, "--to", b, "-e", "enclave"),
        "cannot use '-e / --enclave' and '--to' flag");
    assertError(migrate("--from", a, "--to", b, "-a", "k"),
        "cannot use '-a / --api-key' and '--to' flag");
    assertError(migrate("--from", a, "--to", b, "-k"),
        "cannot use '-k / --insecure' and '--to' flag");
    assertError(migrate("--from", a), "missing migration target. Use '--to' or '--server'");
    assertError(migrate("--from", a, "-s", "kms:7373"),
        "no KMS enclave specified. Use '--enclave'");
    assertError(migrate("--from", a, "-s", "kms:7373", "-e", "e"),
        "no KMS API key specified. Use '--api-key'");
    assertError(migrate("--from", a, "--to", b, "--force", "--merge"),
        "'--force' and '--merge' flags are mutually exclusive");
    assertError(migrate("--from", a, "-s", "kms:7373", "-e", "e", "-a", "k"),
        "migrating keys to a MinIO KMS server ('-s / --server') is not supported; migrate to a"
            + " key store with '--to FILE'");
    // The KMS target from the environment.
    env.put("MINIO_KMS_SERVER", "kms:7373");
    env.put("MINIO_KMS_ENCLAVE", "e");
    assertError(migrate("--from", a), "no KMS API key specified. Use '--api-key'");
    env.put("MINIO_KMS_API_KEY", "k");
    assertThat(migrate("--from", a).err()).contains("is not supported");
    assertThat(files(dir.resolve("b"))).isEmpty();
  }

  @Test
  void configFiles_mustBeCompleteServerConfigs_withTheirEnvironment() throws Exception {
    String good = fs("good.yml", dir.resolve("good")).toString();
    Path missing = dir.resolve("missing.yml");
    assertThat(migrate("--from", missing.toString(), "--to", good).err())
        .startsWith("Error: cannot read config file '" + missing + "'");

    Path noStore = dir.resolve("nostore.yml");
    Files.writeString(noStore, "admin:\n  identity: " + ADMIN + "\ntls:\n  key: k\n  cert: c\n");
    assertError(migrate("--from", good, "--to", noStore.toString()),
        "failed to read config file '" + noStore + "': kesconf: no keystore specified");

    Path noAdmin = dir.resolve("noadmin.yml");
    Files.writeString(noAdmin, "keystore:\n  fs:\n    path: " + dir.resolve("x") + "\n");
    assertThat(migrate("--from", noAdmin.toString(), "--to", good).err())
        .startsWith("Error: failed to read config file '" + noAdmin
            + "': kesconf: invalid admin identity: no admin identity");

    Path unset = config("unset.yml", "  fs:", "    path: ${KES_TEST_UNSET_DIR}");
    assertThat(migrate("--from", unset.toString(), "--to", good).err())
        .contains("kesconf: referenced env. variable 'KES_TEST_UNSET_DIR'").contains("not found");

    Path unknown = config("unknown.yml", "  nosuch:", "    path: x");
    assertThat(migrate("--from", unknown.toString(), "--to", good).err())
        .startsWith("Error: invalid keystore config in '" + unknown
            + "': keystore.nosuch: no key-store provider named 'nosuch'");

    // ${ENV} in the key store section is expanded as by kes server.
    Path from = dir.resolve("from");
    put(from, "k1");
    env.put("KES_TEST_TARGET_DIR", dir.resolve("from-env").toString());
    Path viaEnv = config("env.yml", "  fs:", "    path: ${KES_TEST_TARGET_DIR}");
    assertThat(migrate("--from", fs("from.yml", from).toString(), "--to", viaEnv.toString())
        .status()).isZero();
    assertThat(files(dir.resolve("from-env"))).containsExactly("k1");
    assertThat(files(dir.resolve("good"))).isEmpty();

    // Warnings about a file go to standard error, and do not stop the migration.
    Path odd = config("odd.yml", "  fs:", "    path: " + dir.resolve("odd"), "    colour: blue");
    Result warned = migrate("--from", fs("from.yml", from).toString(), "--to", odd.toString());
    assertThat(warned.status()).isZero();
    assertThat(warned.err()).isEqualTo("WARNING: " + odd
        + ": unknown key 'keystore.fs.colour' (line 11)\n");
    assertThat(files(dir.resolve("odd"))).containsExactly("k1");
  }

  @Test
  void onATerminal_printsProgressEverySecond() throws Exception {
    Path from = dir.resolve("from");
    Path to = dir.resolve("to");
    put(from, "a", "b", "c");
    Path toYml = config("to.yml", "  flaky:", "    path: " + to, "    create_delay_ms: 600");
    Result r = kes(env, true, "migrate", "--from", fs("from.yml", from).toString(), "--to",
        toYml.toString());
    assertThat(r.status()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines[0]).isEqualTo("Starting key migration:");
    assertThat(lines[1]).isEmpty();
    assertThat(lines[lines.length - 1]).isEqualTo("Migrated      3 keys successfully!");
    List<String> progress = List.of(lines).subList(2, lines.length - 1);
    assertThat(progress).isNotEmpty()
        .allMatch(l -> l.matches("Migrated +[0-9]+ (key  |keys )\\.\\.\\."), "progress lines")
        .allMatch(l -> !l.matches("Migrated +1 keys .*"), "singular for one key");
  }

  /** Output captured in memory. */
  private static final class ByteArrayOutput {
    private final java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();

    java.io.PrintStream print() {
      return new java.io.PrintStream(bytes, true, UTF_8);
    }

    String text() {
      return bytes.toString(UTF_8);
    }
  }
}

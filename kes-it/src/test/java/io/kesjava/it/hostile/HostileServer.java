package io.kesjava.it.hostile;

import io.kesjava.core.Identity;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * {@code kes server --config FILE} in a JVM of its own, on the runtime {@code ./kes} picks here:
 * the newest JDK 21 or newer that can be found (the server's supported runtime), else the test's
 * own. An fs key store in a temporary directory; an admin certificate and one of an identity with
 * the policy {@code app}. Loopback only.
 *
 * <p>Thread-safety: not thread-safe; one test class drives one instance.
 */
final class HostileServer implements AutoCloseable {

  private static final Pattern API_URL =
      Pattern.compile("^API\\s+\\S+\\s+https://127\\.0\\.0\\.1:(\\d+)$");
  private static final String UP = "=> Server is up and running...";

  final Path dir;
  final Path keys;
  final CertifiedKey admin;
  final CertifiedKey app;
  /** An identity whose policy was written for the Go KES: {@code deny: [/v1/key/*]}. */
  final CertifiedKey legacy;
  final Path java;
  final int feature;
  private Process process;
  private final List<String> output = new ArrayList<>();
  private int port;

  private HostileServer(Path dir, Path java, int feature) throws IOException {
    this.dir = dir;
    this.keys = dir.resolve("keys");
    this.java = java;
    this.feature = feature;
    this.admin = SelfSigned.builder().commonName("hostile admin").clientAuth().build();
    this.app = SelfSigned.builder().commonName("hostile app").clientAuth().build();
    this.legacy = SelfSigned.builder().commonName("hostile legacy").clientAuth().build();
    CertifiedKey server = SelfSigned.server().build();
    Files.writeString(dir.resolve("server.key"), Pem.encodePrivateKey(server.privateKey()));
    Files.writeString(dir.resolve("server.cert"), Pem.encodeCertificate(server.certificate()));
    Files.writeString(dir.resolve("config.yml"), String.join("\n",
        "version: v1",
        "address: 127.0.0.1:0",
        "admin:",
        "  identity: " + Identity.of(admin.certificate()).value(),
        "tls:",
        "  key: " + dir.resolve("server.key"),
        "  cert: " + dir.resolve("server.cert"),
        "policy:",
        "  app:",
        "    allow:",
        "    - /v1/key/*/*",
        "    - /v1/status",
        "    deny:",
        "    - /v1/key/delete/*",
        "    identities:",
        "    - " + Identity.of(app.certificate()).value(),
        "  go-kes:",
        "    allow:",
        "    - /v1/key/*/*",
        "    - /v1/status",
        "    deny:",
        "    - /v1/key/*",
        "    identities:",
        "    - " + Identity.of(legacy.certificate()).value(),
        "log:",
        "  error: on",
        "  audit: off",
        "keystore:",
        "  fs:",
        "    path: " + keys,
        ""));
  }

  /** Writes the files and starts the server on the supported runtime. */
  static HostileServer start(Path dir) throws Exception {
    Runtime r = runtime();
    HostileServer s = new HostileServer(dir, r.java, r.feature);
    s.startProcess();
    return s;
  }

  /** A JDK and its feature version. */
  record Runtime(Path java, int feature) {}

  /**
   * The server's runtime: {@code -Dkes.hostile.java=/path/to/bin/java} if set, else the newest JDK
   * 21+ under {@code /usr/lib/jvm} or {@code JAVA_HOME}, else the test's own JVM.
   */
  static Runtime runtime() {
    String forced = System.getProperty("kes.hostile.java", "");
    if (!forced.isEmpty()) {
      Path java = Path.of(forced);
      return new Runtime(java, feature(java.getParent().getParent()).orElse(0));
    }
    List<Path> homes = new ArrayList<>();
    homes.add(Path.of(System.getProperty("java.home")));
    String javaHome = System.getenv("JAVA_HOME");
    if (javaHome != null && !javaHome.isEmpty()) {
      homes.add(Path.of(javaHome));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (DirectoryStream<Path> d = Files.newDirectoryStream(jvms)) {
        d.forEach(homes::add);
      } catch (IOException e) {
        // none found there
      }
    }
    Runtime best = null;
    for (Path home : homes) {
      Path java = home.resolve("bin/java");
      int f = feature(home).orElse(0);
      if (Files.isExecutable(java) && (best == null || f > best.feature)) {
        best = new Runtime(java, f);
      }
    }
    return best;
  }

  private static Optional<Integer> feature(Path home) {
    try (Stream<String> lines = Files.lines(home.resolve("release"))) {
      return lines.filter(l -> l.startsWith("JAVA_VERSION=")).findFirst().map(l -> {
        String v = l.substring("JAVA_VERSION=".length()).replace("\"", "");
        String head = v.split("[.+-]")[0];
        return Integer.parseInt(head.equals("1") ? v.split("\\.")[1] : head);
      });
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * The class path of the {@code kes} command and its key stores (no test code); {@code
   * -Dkes.hostile.classpath=...} runs another build, such as an earlier one, for comparison.
   */
  static String classpath() {
    String other = System.getProperty("kes.hostile.classpath", "");
    if (!other.isEmpty()) {
      return other;
    }
    String file = System.getProperty("kes.it.classpath");
    if (file == null) {
      throw new IllegalStateException("run the tests with Maven (kes.it.classpath is not set)");
    }
    try {
      return Files.readString(Path.of(file)).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether the server runs with virtual threads, the runtime of the starvation targets. */
  boolean supportedRuntime() {
    return feature >= 21;
  }

  private void startProcess() throws Exception {
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:+UseSerialGC",
        "-Djdk.net.hosts.file=" + System.getProperty("kes.it.hosts", "/etc/hosts"),
        "-cp", classpath(), "io.kesjava.cli.KesMain", "server", "--config",
        dir.resolve("config.yml").toString()));
    ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
    b.environment().clear();
    b.environment().put("LANG", "C.UTF-8");
    process = b.start();
    CompletableFuture<Integer> started = new CompletableFuture<>();
    Process p = process;
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        int found = 0;
        for (String line; (line = in.readLine()) != null; ) {
          synchronized (output) {
            output.add(line);
          }
          Matcher m = API_URL.matcher(line);
          if (m.matches()) {
            found = Integer.parseInt(m.group(1));
          }
          if (line.equals(UP)) {
            started.complete(found);
          }
        }
      } catch (IOException e) {
        // gone
      }
      started.completeExceptionally(new AssertionError("kes server exited:\n" + output()));
    }, "hostile-server-output");
    reader.setDaemon(true);
    reader.start();
    try {
      port = started.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new AssertionError("kes server did not start:\n" + output(), e);
    }
  }

  /** Everything the server printed. */
  String output() {
    synchronized (output) {
      return String.join("\n", output);
    }
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  SSLContext adminContext() {
    return context(admin);
  }

  SSLContext appContext() {
    return context(app);
  }

  static SSLContext context(CertifiedKey cred) {
    return Tls.clientContext().credential(cred).insecureTrustAnyServer().build();
  }

  /** SIGKILL, as a crash: nothing of the server runs afterwards. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(20, TimeUnit.SECONDS);
  }

  /** Starts the server again on the same files (a new port). */
  void restart() throws Exception {
    if (process.isAlive()) {
      close();
    }
    startProcess();
  }

  /** The names in the key directory, temporary files included. */
  List<String> keyDirectory() throws IOException {
    try (Stream<Path> s = Files.list(keys)) {
      return s.map(f -> f.getFileName().toString()).sorted(Comparator.naturalOrder()).toList();
    }
  }

  /** SIGTERM, and SIGKILL if it does not stop within 20 seconds. */
  @Override
  public void close() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

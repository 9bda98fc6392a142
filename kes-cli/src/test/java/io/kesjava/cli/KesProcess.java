package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;

import io.kesjava.cli.CliServer.Result;
import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code kes} command in its own JVM (this module's main class, {@link KesMain}, on the test
 * class path), as a user runs it: a {@code kes server --config FILE} to drive with the client
 * commands, or one command run to its end.
 */
final class KesProcess implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration RUN = Duration.ofSeconds(60);

  final Process process;
  final Path log;
  final int port;

  private KesProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** What a command run printed and returned. */
  record Run(int status, String out, String err) {}

  /** Writes a self-signed server key and certificate into {@code dir}, for {@code tls}. */
  static void writeTls(Path dir) throws IOException {
    CertifiedKey tls = SelfSigned.server().build();
    Files.writeString(dir.resolve("server.key"), Pem.encodePrivateKey(tls.privateKey()));
    Files.writeString(dir.resolve("server.cert"), Pem.encodeCertificate(tls.certificate()));
  }

  /** The lines of a server config file: address, admin, tls (files in dir), then {@code rest}. */
  static String config(Path dir, int port, ApiKey admin, String... rest) {
    List<String> lines = new ArrayList<>(List.of(
        "version: v1",
        "address: 127.0.0.1:" + port,
        "admin:",
        "  identity: " + admin.identity().value(),
        "tls:",
        "  key: " + dir.resolve("server.key"),
        "  cert: " + dir.resolve("server.cert")));
    lines.addAll(List.of(rest));
    return String.join("\n", lines) + "\n";
  }

  /**
   * Starts {@code kes server --config config} with {@code env} added to its environment, and
   * waits until it answers {@code kes status} with {@code admin}'s API key.
   */
  static KesProcess server(Path config, int port, ApiKey admin, Map<String, String> env)
      throws Exception {
    Path log = config.resolveSibling(config.getFileName() + ".log");
    ProcessBuilder pb = new ProcessBuilder(command("server", "--config", config.toString()));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    KesProcess server = new KesProcess(pb.start(), log, port);
    try {
      server.awaitReady(admin);
    } catch (Exception | AssertionError e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The environment of the client commands for {@code key} on this server. */
  Map<String, String> clientEnv(ApiKey key) {
    return Map.of("KES_SERVER", "127.0.0.1:" + port, "KES_API_KEY", key.revealText());
  }

  private void awaitReady(ApiKey admin) throws Exception {
    long deadline = System.nanoTime() + START.toNanos();
    while (true) {
      Result r = kes(clientEnv(admin), "status", "-k", "--json");
      if (r.status() == 0) {
        return;
      }
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("the server did not start: " + r.err() + Files.readString(log));
      }
      Thread.sleep(100); // polling a process that starts; the outcome does not depend on it
    }
  }

  /** Starts {@code kes args...} in its own JVM, output to the files {@code out} and {@code err}. */
  static Process start(Map<String, String> env, Path out, Path err, String... args)
      throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(args));
    pb.environment().putAll(env);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    return pb.start();
  }

  /** Runs {@code kes args...} in its own JVM to its end, with {@code env} added. */
  static Run run(Map<String, String> env, String... args) throws Exception {
    Path out = Files.createTempFile("kes-out", ".txt");
    Path err = Files.createTempFile("kes-err", ".txt");
    try {
      Process p = start(env, out, err, args);
      if (!p.waitFor(RUN.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("kes " + String.join(" ", args) + " did not end");
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  private static List<String> command(String... args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // C1 only and the serial collector: these JVMs live for seconds, so they start faster.
    List<String> command = new ArrayList<>(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        KesMain.class.getName()));
    command.addAll(List.of(args));
    return command;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Stops the server (TERM, then KILL after 10 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

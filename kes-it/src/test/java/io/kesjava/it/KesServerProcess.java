package io.kesjava.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kes server --config FILE} as a user runs it: the {@code kes} command ({@code
 * io.kesjava.cli.KesMain}) in a JVM of its own, on the class path of kes-cli and every key-store
 * backend (target/server.classpath, no test code), with an environment of exactly the variables
 * given. Stopping it sends SIGTERM, as a service manager would, so the server drains and closes its
 * key store.
 *
 * <p>Every server JVM resolves names from kes-it's hosts file only (loopback names) and sends
 * anything not bound for loopback to the {@link OutboundSentinel}.
 *
 * <p>Thread-safety: not thread-safe; one test drives one instance.
 */
final class KesServerProcess implements AutoCloseable {

  private static final Duration START = Duration.ofSeconds(60);
  private static final Duration STOP = Duration.ofSeconds(20);
  private static final Pattern API_URL = Pattern.compile("^API\\s+\\S+\\s+(https://\\S+)$");
  private static final String UP = "=> Server is up and running...";

  private final Process process;
  private final List<String> output = new ArrayList<>();
  private final CompletableFuture<URI> started = new CompletableFuture<>();
  private final Thread reader;

  private KesServerProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "kes-server-output");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code kes server --config config} and waits until it serves.
   *
   * @param environment the server's whole environment
   * @param jvmOptions options for the server's JVM beyond those every server gets
   * @throws AssertionError if the server exits or does not come up within a minute
   */
  static KesServerProcess start(
      Path config,
      Map<String, String> environment,
      List<String> jvmOptions,
      OutboundSentinel sentinel)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Start-up speed only: the server behaves the same with any JIT or collector.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Djdk.net.hosts.file=" + requiredProperty("kes.it.hosts"));
    command.addAll(sentinel.jvmOptions());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(serverClasspath());
    command.add("io.kesjava.cli.KesMain");
    command.add("server");
    command.add("--config");
    command.add(config.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().clear();
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().putAll(sentinel.environment());
    builder.environment().putAll(environment);
    KesServerProcess server = new KesServerProcess(builder.start());
    server.awaitStart();
    return server;
  }

  /** The server's URL, as its banner prints it: {@code https://127.0.0.1:<port>}. */
  URI endpoint() {
    return started.getNow(null);
  }

  /** Everything the server printed so far. */
  synchronized String output() {
    return String.join("\n", output);
  }

  private void awaitStart() throws InterruptedException {
    try {
      started.get(START.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      close();
      throw new AssertionError(e.getCause().getMessage() + "\n" + output());
    } catch (TimeoutException e) {
      close();
      throw new AssertionError("kes server did not start within " + START + "\n" + output());
    } catch (InterruptedException e) {
      close();
      throw e;
    }
  }

  private void readOutput() {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      URI url = null;
      String line;
      while ((line = in.readLine()) != null) {
        synchronized (this) {
          output.add(line);
        }
        Matcher m = API_URL.matcher(line);
        if (m.matches() && url == null) {
          url = URI.create(m.group(1));
        }
        if (line.equals(UP)) {
          if (url == null) {
            started.completeExceptionally(new AssertionError("the banner has no API line"));
          }
          started.complete(url);
        }
      }
    } catch (IOException e) {
      // the process is gone
    }
    started.completeExceptionally(
        new AssertionError("kes server exited before it served: status " + exitStatus()));
  }

  private String exitStatus() {
    try {
      return process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)
          ? String.valueOf(process.exitValue())
          : "(still running)";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }

  /** Stops the server with SIGTERM and waits for it to exit; kills it if it does not. */
  @Override
  public void close() {
    // SIGTERM through the handle: Process.destroy() would also close the pipe of the server's
    // output, and the lines it prints while stopping would be lost.
    process.toHandle().destroy();
    try {
      if (!process.waitFor(STOP.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP.toSeconds(), TimeUnit.SECONDS);
      }
      reader.join(STOP.toMillis());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // Into the test's output file (target/surefire-reports), for whoever reads a failure.
    String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
    System.out.println("---- kes server output ----\n" + output() + "\n---- " + status + " ----");
  }

  private static String serverClasspath() {
    try {
      return Files.readString(Path.of(requiredProperty("kes.it.classpath"))).trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String requiredProperty(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run the tests with Maven (see kes-it/pom.xml)");
    }
    return value;
  }
}

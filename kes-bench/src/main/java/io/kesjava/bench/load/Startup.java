package io.kesjava.bench.load;

import io.kesjava.bench.DriverArgs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * Time from process start to the first 200 of {@code /v1/ready}: starts the command, then polls
 * 127.0.0.1:PORT every 2 ms with the client certificate in DIR, and stops the process.
 *
 * <pre>
 * java -cp ... io.kesjava.bench.load.Startup --dir DIR --port P --label L [--out F] -- CMD ARGS...
 * </pre>
 */
public final class Startup {

  private Startup() {}

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args);
    Path dir = a.path("--dir");
    int port = a.integer("--port", 0);
    String label = a.string("--label", "");
    String out = a.string("--out", null);
    List<String> command = a.rest();
    a.done();
    if (dir == null || port == 0 || command.isEmpty()) {
      throw new IllegalArgumentException(
          "--dir, --port and -- with the server's command are required");
    }
    SSLContext ssl = LoadDriver.clientContext(dir);
    byte[] request = LoadDriver.encode("GET", "/v1/ready", null, true);
    // Load the client's TLS classes before the clock starts: they are the driver's cost.
    ssl.getSocketFactory().createSocket().close();

    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long elapsed = -1;
    int attempts = 0;
    try {
      while (System.nanoTime() - t0 < 60_000_000_000L && p.isAlive()) {
        attempts++;
        if (ready(ssl, port, request)) {
          elapsed = System.nanoTime() - t0;
          break;
        }
        Thread.sleep(2);
      }
    } finally {
      p.destroy();
      p.waitFor();
    }
    String line = String.format(Locale.ROOT,
        "{\"label\":\"%s\",\"target\":\"startup\",\"ready_ms\":%.0f,\"attempts\":%d,\"load\":\"%s\"}",
        label, elapsed / 1e6, attempts, LoadDriver.loadAverage());
    System.out.println(line);
    if (out != null) {
      Files.writeString(Path.of(out), line + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
  }

  private static boolean ready(SSLContext ssl, int port, byte[] request) {
    try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      s.setSoTimeout(5000);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return HttpResponse.read(new BufferedInputStream(s.getInputStream())).status() == 200;
    } catch (IOException e) {
      return false;
    }
  }
}

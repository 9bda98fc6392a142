package io.kesjava.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loopback "proxy" that serves nothing: every server JVM is told to send anything not bound for
 * loopback through it (the JVM's {@code http(s).proxyHost} settings and the {@code HTTP(S)_PROXY}
 * variables the Azure SDK reads). Whatever reaches it is recorded and refused, so that a client
 * that would have gone to the Internet, to a cloud's token service or to a metadata address such as
 * {@code 169.254.169.254} never leaves the machine, and the test sees that it tried.
 *
 * <p>With the hosts file that resolves nothing but loopback names (see {@code
 * src/test/resources/hosts}), this covers host names and IP literals alike, for every client that
 * honours the JVM's or the environment's proxy settings.
 *
 * <p>Thread-safety: {@link #attempts()} may be called from any thread.
 */
final class OutboundSentinel implements AutoCloseable {

  /** The hosts that go direct: the fakes, all on loopback. */
  static final List<String> LOOPBACK_HOSTS =
      List.of("localhost", "127.0.0.1", "kes-test.vault.azure.net");

  private final ServerSocket socket;
  private final List<String> attempts = new ArrayList<>();
  private final Thread acceptor;

  OutboundSentinel() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptAll, "outbound-sentinel");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  /**
   * The first line of every request that reached the sentinel, such as {@code CONNECT host:443}.
   */
  synchronized List<String> attempts() {
    return List.copyOf(attempts);
  }

  /** The JVM options that send non-loopback HTTP and HTTPS through the sentinel. */
  List<String> jvmOptions() {
    String direct = String.join("|", LOOPBACK_HOSTS);
    return List.of(
        "-Dhttp.proxyHost=127.0.0.1",
        "-Dhttp.proxyPort=" + port(),
        "-Dhttps.proxyHost=127.0.0.1",
        "-Dhttps.proxyPort=" + port(),
        "-Dhttp.nonProxyHosts=" + direct);
  }

  /** The environment variables that send non-loopback HTTP and HTTPS through the sentinel. */
  Map<String, String> environment() {
    String proxy = "http://127.0.0.1:" + port();
    return Map.of(
        "HTTP_PROXY", proxy, "HTTPS_PROXY", proxy, "NO_PROXY", String.join(",", LOOPBACK_HOSTS));
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        client.setSoTimeout(2000);
        String line;
        try {
          line =
              new BufferedReader(
                      new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1))
                  .readLine();
        } catch (IOException e) {
          line = "(no request line: " + e.getMessage() + ")";
        }
        synchronized (this) {
          attempts.add(line == null ? "(closed without a request)" : line);
        }
      } catch (IOException e) {
        // closed
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

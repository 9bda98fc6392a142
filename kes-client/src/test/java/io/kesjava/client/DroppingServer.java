package io.kesjava.client;

import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Tls;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TLS endpoint that reads each request completely and then closes the connection without an
 * answer: the failure after a request went out that {@code
 * docs/http-api.md#clients-retries-and-several-endpoints} is about. Not a KES server; it only
 * records the request lines it read.
 */
final class DroppingServer implements AutoCloseable {

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final ServerSocket socket;
  private final Thread thread;

  DroppingServer() throws IOException {
    socket = Tls.serverContext().credential(TestServer.SERVER_CERT)
        .clientAuth(ClientAuth.REQUIRE_ANY).build().getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    thread = new Thread(this::serve, "dropping-server");
    thread.setDaemon(true);
    thread.start();
  }

  String endpoint() {
    return "https://127.0.0.1:" + socket.getLocalPort();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket s = socket.accept()) {
        InputStream in = s.getInputStream();
        String head = readHead(in);
        if (head == null) {
          continue;
        }
        requests.add(head.substring(0, head.indexOf("\r\n")));
        int length = 0;
        for (String line : head.split("\r\n")) {
          if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
            length = Integer.parseInt(line.substring(15).trim());
          }
        }
        in.readNBytes(length);
      } catch (IOException e) {
        // a failed handshake or a closed socket: go on with the next connection
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      sb.append((char) c);
      if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
        return sb.toString();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

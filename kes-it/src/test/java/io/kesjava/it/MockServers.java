package io.kesjava.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/** Starts the REST fakes (MockWebServer dispatchers) on loopback over HTTPS. */
final class MockServers {

  private MockServers() {}

  /**
   * A started HTTPS server on loopback that serves {@link KeyStoreE2eTest#PKI}'s certificate and
   * answers with {@code dispatcher}. Its sockets disable Nagle's algorithm: MockWebServer writes
   * head and body apart, and with delayed acknowledgements each answer would take some 40 ms.
   */
  static MockWebServer startHttps(Dispatcher dispatcher) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.useHttps(KeyStoreE2eTest.PKI.serverContext().getSocketFactory());
    server.setDispatcher(dispatcher);
    server.start(InetAddress.getLoopbackAddress(), 0);
    return server;
  }

  /** {@code https://127.0.0.1:<port>}. */
  static String endpoint(MockWebServer server) {
    return "https://127.0.0.1:" + server.getPort();
  }

  private static final class NoDelayServerSocketFactory extends ServerSocketFactory {
    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      throw new UnsupportedOperationException();
    }
  }
}

package io.kesjava.keystore.tck;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockWebServer;

/**
 * Starts the MockWebServers that the fakes of REST backends (Fortanix, Gemalto, Entrust) answer on.
 *
 * <p>MockWebServer is an optional dependency of this artifact: a backend that uses this class
 * declares {@code com.squareup.okhttp3:mockwebserver3} in its own test scope.
 *
 * <p>Thread-safety: stateless; safe for concurrent use.
 */
public final class FakeServers {

  private FakeServers() {}

  /**
   * A started server on loopback that answers with {@code dispatcher}. Its sockets disable Nagle's
   * algorithm: MockWebServer writes head and body apart, and with delayed acknowledgements each
   * answer would otherwise take some 40 ms.
   *
   * @param dispatcher the fake that answers every request
   * @return the started server; the caller closes it
   * @throws IOException if the server cannot listen
   */
  public static MockWebServer start(Dispatcher dispatcher) throws IOException {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(dispatcher);
    server.start(InetAddress.getLoopbackAddress(), 0);
    return server;
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

package io.kesjava.core.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** One TLS handshake over loopback between two contexts; reports what each side saw. */
final class Handshake {

  /**
   * @param ok whether both sides completed the handshake
   * @param protocol the negotiated protocol, if ok
   * @param clientChain the client chain the server saw (empty when none)
   * @param failure the first failure, if not ok
   */
  record Result(boolean ok, String protocol, List<Certificate> clientChain, Throwable failure) {}

  private Handshake() {}

  static Result run(SSLContext server, SSLContext client, String... clientProtocols) throws Exception {
    ExecutorService executor = Executors.newSingleThreadExecutor();
    try (SSLServerSocket listener =
        (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Future<List<Certificate>> accepted =
          executor.submit(
              () -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                  s.setSoTimeout(10_000);
                  s.startHandshake();
                  s.getOutputStream().write(1);
                  s.getOutputStream().flush();
                  try {
                    return List.of(s.getSession().getPeerCertificates());
                  } catch (SSLPeerUnverifiedException e) {
                    return List.of();
                  }
                }
              });
      Throwable failure = null;
      String protocol = null;
      try (SSLSocket c = (SSLSocket) client.getSocketFactory().createSocket()) {
        if (clientProtocols.length > 0) {
          c.setEnabledProtocols(clientProtocols);
        }
        c.setSoTimeout(10_000);
        c.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()), 10_000);
        c.startHandshake();
        protocol = c.getSession().getProtocol();
        if (c.getInputStream().read() != 1) { // TLS 1.3 reports client-cert failures only here
          throw new IOException("server closed the connection");
        }
      } catch (IOException e) {
        failure = e;
      }
      try {
        List<Certificate> chain = accepted.get(10, TimeUnit.SECONDS);
        return failure == null ? new Result(true, protocol, chain, null) : new Result(false, null, List.of(), failure);
      } catch (java.util.concurrent.ExecutionException e) {
        return new Result(false, null, List.of(), failure != null ? failure : e.getCause());
      }
    } finally {
      executor.shutdownNow();
    }
  }
}

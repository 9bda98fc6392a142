package io.kesjava.core.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import javax.net.ssl.SSLServerSocketFactory;

/** An {@link SSLServerSocketFactory} whose server sockets carry the {@link Hardening}. */
final class HardenedServerSocketFactory extends SSLServerSocketFactory {

  private final SSLServerSocketFactory delegate;
  private final Hardening hardening;

  HardenedServerSocketFactory(SSLServerSocketFactory delegate, Hardening hardening) {
    this.delegate = delegate;
    this.hardening = hardening;
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return delegate.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return delegate.getSupportedCipherSuites();
  }

  @Override
  public ServerSocket createServerSocket() throws IOException {
    return hardening.apply(delegate.createServerSocket());
  }

  @Override
  public ServerSocket createServerSocket(int port) throws IOException {
    return hardening.apply(delegate.createServerSocket(port));
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog) throws IOException {
    return hardening.apply(delegate.createServerSocket(port, backlog));
  }

  @Override
  public ServerSocket createServerSocket(int port, int backlog, InetAddress ifAddress) throws IOException {
    return hardening.apply(delegate.createServerSocket(port, backlog, ifAddress));
  }
}

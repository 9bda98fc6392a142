package io.kesjava.core.tls;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialized {@link SSLContext} whose engines, sockets and default parameters all carry the
 * {@link Hardening}, so that nobody can forget to restrict the protocols.
 */
final class HardenedContext extends SSLContext {

  HardenedContext(SSLContext delegate, Hardening hardening) {
    super(new Spi(delegate, hardening), delegate.getProvider(), delegate.getProtocol());
  }

  private static final class Spi extends SSLContextSpi {
    private final SSLContext delegate;
    private final Hardening hardening;

    Spi(SSLContext delegate, Hardening hardening) {
      this.delegate = delegate;
      this.hardening = hardening;
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
      throw new KeyManagementException("this SSLContext is initialized already");
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
      return new HardenedSocketFactory(delegate.getSocketFactory(), hardening);
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
      return new HardenedServerSocketFactory(delegate.getServerSocketFactory(), hardening);
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
      return hardening.apply(delegate.createSSLEngine());
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
      return hardening.apply(delegate.createSSLEngine(host, port));
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
      return delegate.getServerSessionContext();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
      return delegate.getClientSessionContext();
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
      return hardening.apply(delegate.getDefaultSSLParameters());
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
      return hardening.apply(delegate.getSupportedSSLParameters());
    }
  }
}

package io.kesjava.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The six check methods of an {@link X509ExtendedTrustManager} in one: a subclass implements
 * {@link #check}, which learns whose chain it checks and the handshake's socket or engine.
 */
abstract class PeerTrustManager extends X509ExtendedTrustManager {

  /** Whose certificate chain is checked. */
  enum Peer {
    CLIENT,
    SERVER
  }

  /**
   * Checks {@code peer}'s chain.
   *
   * @param socket the handshake's socket, or null
   * @param engine the handshake's engine, or null; at most one of {@code socket} and {@code
   *     engine} is set
   * @throws CertificateException if the chain is not trusted
   */
  abstract void check(
      Peer peer, X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
      throws CertificateException;

  /** Passes the check to {@code manager}'s method for {@code peer}, the socket and the engine. */
  static void delegate(
      X509ExtendedTrustManager manager,
      Peer peer,
      X509Certificate[] chain,
      String authType,
      Socket socket,
      SSLEngine engine)
      throws CertificateException {
    boolean client = peer == Peer.CLIENT;
    if (socket != null && client) {
      manager.checkClientTrusted(chain, authType, socket);
    } else if (socket != null) {
      manager.checkServerTrusted(chain, authType, socket);
    } else if (engine != null && client) {
      manager.checkClientTrusted(chain, authType, engine);
    } else if (engine != null) {
      manager.checkServerTrusted(chain, authType, engine);
    } else if (client) {
      manager.checkClientTrusted(chain, authType);
    } else {
      manager.checkServerTrusted(chain, authType);
    }
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(Peer.CLIENT, chain, authType, null, null);
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(Peer.CLIENT, chain, authType, socket, null);
  }

  @Override
  public final void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(Peer.CLIENT, chain, authType, null, engine);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(Peer.SERVER, chain, authType, null, null);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(Peer.SERVER, chain, authType, socket, null);
  }

  @Override
  public final void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(Peer.SERVER, chain, authType, null, engine);
  }
}

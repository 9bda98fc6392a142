package io.kesjava.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;

/**
 * Accepts any certificate chain of one side of the handshake. On a server it implements Go's {@code
 * RequireAnyClientCert}: KES pins the client's identity by the hash of its public key ({@code
 * docs/http-api.md#conventions}), so no chain is verified. On a client it is the insecure {@code
 * -k} mode and trusts every server.
 */
final class AcceptAnyTrustManager extends PeerTrustManager {

  private static final X509Certificate[] NONE = new X509Certificate[0];

  private final Peer accepted;

  /** @param forClients {@code true} to accept any client chain, {@code false} any server chain */
  AcceptAnyTrustManager(boolean forClients) {
    this.accepted = forClients ? Peer.CLIENT : Peer.SERVER;
  }

  @Override
  void check(Peer peer, X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
      throws CertificateException {
    if (peer != accepted) {
      throw new CertificateException(
          peer == Peer.CLIENT
              ? "client certificates are not accepted"
              : "server certificates are not accepted");
    }
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate");
    }
  }

  /** None: the server then sends an empty CA list and the client may send any certificate. */
  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return NONE;
  }
}

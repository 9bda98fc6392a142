package io.kesjava.core.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX verification that, like Go's {@code x509.Verify}, also accepts a peer whose own (leaf)
 * certificate is exactly one of the trusted certificates, even when it is not a CA: a self-signed
 * client certificate in {@code tls.ca} then verifies, as it does for KES. Such a leaf must be within
 * its validity period and, if it has extended key usages, allow the peer's role; the JDK's PKIX
 * would accept it without these checks.
 */
final class DirectlyTrustedManager extends PeerTrustManager {

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final X509ExtendedTrustManager pkix;
  private final List<X509Certificate> direct;

  DirectlyTrustedManager(X509ExtendedTrustManager pkix, List<X509Certificate> direct) {
    this.pkix = pkix;
    this.direct = List.copyOf(direct);
  }

  /**
   * Whether the leaf is one of the directly trusted certificates; such a leaf must then be valid now
   * and allow {@code usage}, else it is rejected here (the JDK's PKIX would accept it unchecked).
   */
  private boolean trustedDirectly(X509Certificate[] chain, String usage) throws CertificateException {
    if (chain == null || chain.length == 0 || !direct.contains(chain[0])) {
      return false;
    }
    chain[0].checkValidity();
    List<String> usages = chain[0].getExtendedKeyUsage();
    if (usages != null && !usages.contains(usage) && !usages.contains(ANY_USAGE)) {
      throw new CertificateException("certificate is not allowed for this role (extended key usage)");
    }
    return true;
  }

  @Override
  void check(Peer peer, X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
      throws CertificateException {
    if (!trustedDirectly(chain, peer == Peer.CLIENT ? CLIENT_AUTH : SERVER_AUTH)) {
      delegate(pkix, peer, chain, authType, socket, engine);
    }
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return pkix.getAcceptedIssuers();
  }
}

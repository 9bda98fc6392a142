package io.kesjava.client;

import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Tls;
import io.kesjava.core.tls.TrustManagers;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * The client's TLS context and, for OkHttp, a trust manager that trusts the same servers. The
 * context (from {@link Tls#clientContext()}) verifies the server; OkHttp only uses the trust manager
 * to clean chains for certificate pinning, which this client does not do.
 *
 * @param context the TLS context: the client credential and the server trust
 * @param trustManager the same trust as a trust manager
 */
record ClientTls(SSLContext context, X509TrustManager trustManager) {

  static ClientTls of(CertifiedKey credential, Collection<X509Certificate> trusted,
      boolean systemRoots, boolean insecure) {
    Tls.ClientBuilder b = Tls.clientContext().credential(credential);
    if (insecure) {
      return new ClientTls(b.insecureTrustAnyServer().build(), TrustManagers.anyServer());
    }
    SSLContext context = b.trustedCertificates(trusted).systemRoots(systemRoots).build();
    return new ClientTls(context, pkix(trusted, systemRoots));
  }

  private static X509TrustManager pkix(Collection<X509Certificate> trusted, boolean systemRoots) {
    return TrustManagers.pkixOf(TrustManagers.anchors(trusted, systemRoots));
  }
}

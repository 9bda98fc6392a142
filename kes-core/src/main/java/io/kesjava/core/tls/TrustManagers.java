package io.kesjava.core.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/** PKIX trust managers over the JDK's system roots and/or given CA certificates. */
final class TrustManagers {

  private TrustManagers() {}

  /**
   * A PKIX trust manager that trusts {@code extra} and, if {@code systemRoots}, the JDK's default
   * trust anchors: Go's "system pool plus these certificates". A peer whose leaf is itself one of
   * {@code extra} is trusted as in Go ({@link DirectlyTrustedManager}).
   */
  static TrustManager[] pkix(Collection<X509Certificate> extra, boolean systemRoots) {
    try {
      List<X509Certificate> anchors = new ArrayList<>();
      if (systemRoots) {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager tm : defaults.getTrustManagers()) {
          if (tm instanceof X509TrustManager) {
            anchors.addAll(List.of(((X509TrustManager) tm).getAcceptedIssuers()));
          }
        }
      }
      anchors.addAll(extra);
      if (anchors.isEmpty()) {
        throw new IllegalArgumentException("no trusted CA certificates: give some or use the system roots");
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("ca-" + i++, anchor);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager) {
          return new TrustManager[] {new DirectlyTrustedManager((X509ExtendedTrustManager) tm, List.copyOf(extra))};
        }
      }
      throw new IllegalStateException("the JDK has no PKIX X509 trust manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up certificate verification: " + e.getMessage(), e);
    }
  }
}

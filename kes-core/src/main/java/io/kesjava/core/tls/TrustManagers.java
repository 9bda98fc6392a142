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

/**
 * PKIX trust managers over the JDK's system roots and/or given CA certificates: the one place that
 * builds them, for the TLS contexts of {@link Tls}, the client's and the server's checks.
 *
 * <p>Thread-safety: stateless.
 */
public final class TrustManagers {

  private TrustManagers() {}

  /**
   * Trusts every server: the insecure {@code -k} mode, for development only (the same check a
   * client context of {@link Tls} makes with {@code insecureTrustAnyServer()}).
   */
  public static X509ExtendedTrustManager anyServer() {
    return new AcceptAnyTrustManager(false);
  }

  /**
   * The trust anchors of Go's "system pool plus these certificates": {@code extra} and, if {@code
   * systemRoots}, the JDK's default trust anchors.
   *
   * @throws IllegalStateException if the JDK's default trust managers cannot be read
   */
  public static List<X509Certificate> anchors(Collection<X509Certificate> extra,
      boolean systemRoots) {
    List<X509Certificate> anchors = new ArrayList<>();
    if (systemRoots) {
      try {
        TrustManagerFactory defaults =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager tm : defaults.getTrustManagers()) {
          if (tm instanceof X509TrustManager x) {
            anchors.addAll(List.of(x.getAcceptedIssuers()));
          }
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("cannot read the JDK's trust anchors: " + e.getMessage(), e);
      }
    }
    anchors.addAll(extra);
    return anchors;
  }

  /**
   * The JDK's PKIX trust manager over exactly {@code anchors}.
   *
   * @param anchors not empty
   * @throws IllegalStateException if the JDK cannot set up PKIX verification
   */
  public static X509ExtendedTrustManager pkixOf(Collection<X509Certificate> anchors) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("ca-" + i++, anchor);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JDK has no PKIX X509 trust manager");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up certificate verification: " + e.getMessage(), e);
    }
  }

  /**
   * A PKIX trust manager that trusts {@code extra} and, if {@code systemRoots}, the JDK's default
   * trust anchors: Go's "system pool plus these certificates". A peer whose leaf is itself one of
   * {@code extra} is trusted as in Go ({@link DirectlyTrustedManager}).
   */
  static TrustManager[] pkix(Collection<X509Certificate> extra, boolean systemRoots) {
    List<X509Certificate> anchors = anchors(extra, systemRoots);
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException("no trusted CA certificates: give some or use the system roots");
    }
    return new TrustManager[] {new DirectlyTrustedManager(pkixOf(anchors), List.copyOf(extra))};
  }
}

package io.kesjava.server.http;

import io.kesjava.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the client certificate that a TLS proxy forwards in a header: URL-query-escaped PEM ({@code
 * docs/http-api.md#conventions}, vectors {@code tls-proxy-client-cert#*}).
 *
 * <p>Thread-safety: stateless.
 */
public final class ForwardedCertificate {

  private static final String BEGIN = "-----BEGIN ";
  private static final String DASHES = "-----";

  private ForwardedCertificate() {}

  /**
   * Parses the values of the certificate header.
   *
   * @param values the header's values; {@code null} or empty when it is absent
   * @throws InvalidArgumentException {@code no client certificate is present}, {@code too many
   *     client certificates are present} or {@code invalid client certificate}
   */
  public static X509Certificate parse(List<String> values) {
    if (values == null || values.isEmpty()) {
      throw new InvalidArgumentException("no client certificate is present");
    }
    if (values.size() > 1) {
      throw new InvalidArgumentException("too many client certificates are present");
    }
    try {
      String pem = URLDecoder.decode(values.get(0), StandardCharsets.UTF_8);
      byte[] der = firstCertificateBlock(pem);
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      return (X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der));
    } catch (IllegalArgumentException | CertificateException | ClassCastException e) {
      throw new InvalidArgumentException("invalid client certificate");
    }
  }

  /**
   * A check of forwarded certificates against a CA set, for {@code tls.auth: on} ({@code
   * docs/http-api.md#conventions}): a certificate passes if it is one of {@code cas} itself or
   * verifies as a client certificate against {@code cas} and, if {@code systemRoots}, the JDK's
   * default trust anchors (Go's "system pool plus these certificates", the set the handshake uses).
   *
   * @throws IllegalStateException if the JDK cannot set up PKIX verification
   */
  public static Predicate<X509Certificate> verifier(
      Collection<X509Certificate> cas, boolean systemRoots) {
    List<X509Certificate> direct = List.copyOf(cas);
    List<X509Certificate> anchors = new ArrayList<>(direct);
    try {
      if (systemRoots) {
        TrustManagerFactory defaults =
            TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager tm : defaults.getTrustManagers()) {
          if (tm instanceof X509TrustManager x) {
            anchors.addAll(List.of(x.getAcceptedIssuers()));
          }
        }
      }
      if (anchors.isEmpty()) {
        return c -> false;
      }
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate anchor : anchors) {
        store.setCertificateEntry("ca-" + i++, anchor);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(store);
      X509TrustManager pkix = null;
      for (TrustManager tm : factory.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          pkix = x;
        }
      }
      if (pkix == null) {
        throw new IllegalStateException("the JDK has no PKIX X509 trust manager");
      }
      X509TrustManager trust = pkix;
      return cert -> {
        if (direct.contains(cert)) {
          return true;
        }
        try {
          trust.checkClientTrusted(new X509Certificate[] {cert}, "UNKNOWN");
          return true;
        } catch (CertificateException | RuntimeException e) {
          return false;
        }
      };
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up certificate verification: " + e.getMessage(), e);
    }
  }

  /** The DER bytes of the first PEM block, which must be a {@code CERTIFICATE}. */
  private static byte[] firstCertificateBlock(String pem) {
    int begin = pem.indexOf(BEGIN);
    if (begin < 0) {
      throw new IllegalArgumentException("no PEM block");
    }
    int typeEnd = pem.indexOf(DASHES, begin + BEGIN.length());
    if (typeEnd < 0) {
      throw new IllegalArgumentException("no PEM block");
    }
    String type = pem.substring(begin + BEGIN.length(), typeEnd);
    if (!type.equals("CERTIFICATE")) {
      throw new IllegalArgumentException("not a certificate");
    }
    String endMarker = "-----END " + type + DASHES;
    int end = pem.indexOf(endMarker, typeEnd);
    if (end < 0) {
      throw new IllegalArgumentException("no PEM end");
    }
    String body = pem.substring(typeEnd + DASHES.length(), end).replaceAll("\\s", "");
    return Base64.getDecoder().decode(body);
  }
}

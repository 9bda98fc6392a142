package io.kesjava.server.http;

import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.tls.TrustManagers;
import io.kesjava.keystore.pem.PemBlock;
import io.kesjava.keystore.pem.PemCodec;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.X509TrustManager;

/**
 * Reads the client certificate that a TLS proxy forwards in a header: URL-query-escaped PEM ({@code
 * docs/http-api.md#conventions}, vectors {@code tls-proxy-client-cert#*}).
 *
 * <p>Thread-safety: stateless.
 */
public final class ForwardedCertificate {

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
    List<X509Certificate> anchors = TrustManagers.anchors(direct, systemRoots);
    if (anchors.isEmpty()) {
      return c -> false;
    }
    X509TrustManager trust = TrustManagers.pkixOf(anchors);
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
  }

  /** The DER bytes of the first PEM block, which must be a {@code CERTIFICATE}. */
  private static byte[] firstCertificateBlock(String pem) {
    List<PemBlock> blocks = PemCodec.decode(pem);
    if (blocks.isEmpty() || !blocks.get(0).type().equals("CERTIFICATE")) {
      throw new IllegalArgumentException("no certificate");
    }
    return blocks.get(0).bytes();
  }
}

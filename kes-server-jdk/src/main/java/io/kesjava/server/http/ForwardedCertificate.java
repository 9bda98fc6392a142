package io.kesjava.server.http;

import io.kesjava.core.InvalidArgumentException;
import java.io.ByteArrayInputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Reads the client certificate that a TLS proxy forwards in a header: URL-query-escaped PEM
 * ({@code api.md} §11.5, vectors {@code tls-proxy-client-cert#*}).
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

package io.kesjava.keystore.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The CA certificates a key-store client trusts ({@code docs/keystores/README.md}): a PEM file, or
 * every regular file of a directory, each holding one or more {@code CERTIFICATE} blocks.
 *
 * <p>Fortanix and Gemalto trust only these CAs; Entrust trusts the system roots and these. Shared
 * plumbing of the REST key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.http package}.
 *
 * <p>Thread-safety: immutable; the trust manager and context are safe for concurrent use.
 *
 * @param trustManager the trust manager, which OkHttp needs apart from the context
 * @param context an SSL context using it
 */
public record TrustedCas(X509TrustManager trustManager, SSLContext context) {

  private static final Pattern CERTIFICATE =
      Pattern.compile(
          "-----BEGIN CERTIFICATE-----\\s*([A-Za-z0-9+/=\\s]*?)\\s*-----END CERTIFICATE-----");

  /**
   * Loads the certificates at {@code path}.
   *
   * @param path a PEM file, or a directory whose regular files are all PEM files
   * @param withSystemRoots whether the JDK's default trust anchors are trusted as well
   * @throws IllegalArgumentException if the path cannot be read or a file holds no certificate; the
   *     message names the file
   * @throws NullPointerException if {@code path} is null
   */
  public static TrustedCas load(Path path, boolean withSystemRoots) {
    Objects.requireNonNull(path, "path");
    List<X509Certificate> certificates = new ArrayList<>();
    if (Files.isDirectory(path)) {
      try (Stream<Path> files = Files.list(path)) {
        for (Path file : (Iterable<Path>) files.sorted()::iterator) {
          if (Files.isRegularFile(file)) {
            certificates.addAll(read(file));
          }
        }
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the directory '" + path + "': " + e, e);
      }
    } else {
      certificates.addAll(read(path));
    }
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      int alias = 0;
      if (withSystemRoots) {
        for (X509Certificate root : systemTrustManager().getAcceptedIssuers()) {
          anchors.setCertificateEntry("system-" + alias++, root);
        }
      }
      for (X509Certificate certificate : certificates) {
        anchors.setCertificateEntry("custom-" + alias++, certificate);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(anchors);
      X509TrustManager trustManager = x509(factory.getTrustManagers());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new TrustedCas(trustManager, context);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot set up the trusted CAs of '" + path + "': " + e, e);
    }
  }

  private static List<X509Certificate> read(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e, e);
    }
    List<X509Certificate> out = new ArrayList<>();
    Matcher m = CERTIFICATE.matcher(pem);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      out.clear();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + file + "' does not contain a valid X.509 PEM-encoded certificate");
    }
    return out;
  }

  private static X509TrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory.getTrustManagers());
  }

  private static X509TrustManager x509(TrustManager[] managers) throws GeneralSecurityException {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager) {
        return (X509TrustManager) manager;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager available");
  }
}

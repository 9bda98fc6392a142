package io.kesjava.keystore.http;

import io.kesjava.keystore.common.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
    List<Path> files;
    try {
      files = Pem.files(path);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the directory '" + path + "': " + e, e);
    }
    for (Path file : files) {
      certificates.addAll(read(file));
    }
    try {
      X509TrustManager trustManager = trustManager(certificates, withSystemRoots);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new TrustedCas(trustManager, context);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot set up the trusted CAs of '" + path + "': " + e, e);
    }
  }

  /**
   * A trust manager for {@code certificates}, alone or beside the JDK's default trust anchors.
   *
   * @throws GeneralSecurityException if the JDK cannot make one
   */
  public static X509TrustManager trustManager(
      List<X509Certificate> certificates, boolean withSystemRoots)
      throws GeneralSecurityException {
    KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      anchors.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
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
    return x509(factory.getTrustManagers());
  }

  /**
   * The JDK's default trust manager: the system roots.
   *
   * @throws GeneralSecurityException if the JDK has none
   */
  public static X509TrustManager systemTrustManager() throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init((KeyStore) null);
    return x509(factory.getTrustManagers());
  }

  private static List<X509Certificate> read(Path file) {
    String pem;
    try {
      pem = Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read '" + file + "': " + e, e);
    }
    List<X509Certificate> out;
    try {
      out = Pem.certificates(pem);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      out = List.of();
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + file + "' does not contain a valid X.509 PEM-encoded certificate");
    }
    return out;
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

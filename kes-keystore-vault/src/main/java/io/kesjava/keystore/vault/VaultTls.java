package io.kesjava.keystore.vault;

import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.common.Pem;
import io.kesjava.keystore.http.TrustedCas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS setup of the connection to Vault ({@code docs/keystores/vault.md}): an optional client
 * certificate for mutual TLS, and an optional CA file or directory that replaces the system roots.
 *
 * @param context the SSL context for OkHttp
 * @param trustManager the trust manager inside it, which OkHttp needs apart
 */
record VaultTls(SSLContext context, X509TrustManager trustManager) {

  /**
   * Loads the files.
   *
   * @param cert the client certificate (chain) PEM file, or null
   * @param key the client private key PEM file, or null; set together with {@code cert}
   * @param ca a PEM file or a directory of PEM files with the CAs to trust, or null for the system
   *     roots
   * @throws KeyStoreException if a file cannot be read or parsed; the message names the file
   */
  static VaultTls load(Path cert, Path key, Path ca) {
    try {
      KeyManager[] keyManagers = null;
      if (cert != null) {
        List<X509Certificate> chain = Pem.certificates(read(cert));
        if (chain.isEmpty()) {
          throw new KeyStoreException(
              "vault: '" + cert + "' does not contain a PEM-encoded certificate");
        }
        PrivateKey privateKey;
        try {
          privateKey = Pem.privateKey(read(key));
        } catch (GeneralSecurityException e) {
          throw new KeyStoreException(
              "vault: failed to read the TLS private key '" + key + "': " + e.getMessage(), e);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", privateKey, new char[0], chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, new char[0]);
        keyManagers = kmf.getKeyManagers();
      }
      X509TrustManager trust =
          ca == null
              ? TrustedCas.systemTrustManager()
              : TrustedCas.trustManager(caCertificates(ca), false);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers, new TrustManager[] {trust}, null);
      return new VaultTls(context, trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyStoreException("vault: failed to set up TLS: " + e.getMessage(), e);
    }
  }

  /** The certificates of a CA file, or of every regular file in a CA directory. */
  private static List<X509Certificate> caCertificates(Path ca)
      throws IOException, GeneralSecurityException {
    if (!Files.exists(ca)) {
      throw new KeyStoreException("vault: failed to open '" + ca + "': no such file or directory");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Path file : Pem.files(ca)) {
      List<X509Certificate> certs = Pem.certificates(read(file));
      if (certs.isEmpty()) {
        throw new KeyStoreException(
            "vault: '" + file + "' does not contain a valid X.509 PEM-encoded certificate");
      }
      out.addAll(certs);
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      throw new KeyStoreException("vault: failed to open '" + file + "': " + e, e);
    }
  }
}

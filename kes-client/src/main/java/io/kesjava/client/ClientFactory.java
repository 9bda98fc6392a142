package io.kesjava.client;

import io.kesjava.core.Identity;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;

/** Turns a {@link KesClient.Builder} into a client: checks, credentials, TLS and OkHttp. */
final class ClientFactory {

  private ClientFactory() {}

  static KesClient build(KesClient.Builder b) {
    if (b.endpoints.isEmpty()) {
      throw new IllegalStateException("no endpoint: set at least one server endpoint");
    }
    List<HttpUrl> urls = new ArrayList<>();
    for (String e : b.endpoints) {
      urls.add(Endpoints.parse(e));
    }
    int credentials = (b.certFile != null ? 1 : 0) + (b.keyStore != null ? 1 : 0)
        + (b.apiKey != null ? 1 : 0) + (b.resolved != null ? 1 : 0);
    if (credentials == 0) {
      throw new IllegalStateException(
          "no credential: set a client certificate and key, a key store or an API key");
    }
    if (credentials > 1) {
      throw new IllegalStateException(
          "more than one credential: use either a client certificate, a key store or an API key");
    }
    if (b.insecure && (!b.trusted.isEmpty() || !b.trustedFiles.isEmpty())) {
      throw new IllegalStateException(
          "insecureSkipVerify() trusts every server: trusted certificates would be ignored");
    }
    CertifiedKey credential = credential(b);
    List<X509Certificate> trusted = new ArrayList<>(b.trusted);
    for (var f : b.trustedFiles) {
      trusted.addAll(Pem.readCaCertificates(f));
    }
    ClientTls tls = ClientTls.of(credential, trusted, b.systemTrust, b.insecure);
    OkHttpClient.Builder http = new OkHttpClient.Builder()
        .sslSocketFactory(tls.context().getSocketFactory(), tls.trustManager())
        .connectionSpecs(List.of(ConnectionSpec.MODERN_TLS))
        .protocols(List.of(Protocol.HTTP_2, Protocol.HTTP_1_1))
        .connectTimeout(b.connectTimeout)
        .readTimeout(b.timeout)
        .writeTimeout(b.timeout)
        // The KES server redirects only to clean paths, which this client never sends; a
        // redirect elsewhere must not carry the client's certificate along.
        .followRedirects(false)
        .followSslRedirects(false);
    if (b.insecure) {
      http.hostnameVerifier((host, session) -> true);
    }
    Endpoints endpoints = new Endpoints(urls, b.quarantine, System::nanoTime);
    Transport transport = new Transport(http.build(), endpoints, b.maxRetries, b.minBackoff,
        b.maxBackoff, b.timeout, b.sleeper, System::nanoTime);
    return new KesClient(b.derive(credential), transport, Identity.of(credential.certificate()));
  }

  private static CertifiedKey credential(KesClient.Builder b) {
    if (b.resolved != null) {
      return b.resolved;
    }
    if (b.apiKey != null) {
      return new CertifiedKey(b.apiKey.privateKey(), List.of(b.apiKey.certificate()));
    }
    if (b.certFile != null) {
      char[] password = b.keyPassword == null ? null : b.keyPassword.clone();
      try {
        PrivateKey key = Pem.readPrivateKey(b.keyFile, password);
        List<X509Certificate> chain = Pem.readCertificates(b.certFile);
        return new CertifiedKey(key, chain);
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }
    return fromKeyStore(b.keyStore, b.keyStorePassword, b.keyStoreAlias);
  }

  private static CertifiedKey fromKeyStore(KeyStore ks, char[] password, String alias) {
    try {
      String chosen = alias;
      if (chosen == null) {
        for (String a : Collections.list(ks.aliases())) {
          if (ks.isKeyEntry(a)) {
            if (chosen != null) {
              throw new IllegalArgumentException(
                  "the key store holds more than one key: name the alias");
            }
            chosen = a;
          }
        }
      }
      if (chosen == null || !ks.isKeyEntry(chosen)) {
        throw new IllegalArgumentException(alias == null
            ? "the key store holds no private key" : "the key store has no key '" + alias + "'");
      }
      Key key = ks.getKey(chosen, password);
      Certificate[] chain = ks.getCertificateChain(chosen);
      if (!(key instanceof PrivateKey) || chain == null || chain.length == 0) {
        throw new IllegalArgumentException("key store entry '" + chosen
            + "' is not a private key with a certificate chain");
      }
      List<X509Certificate> certs = new ArrayList<>();
      for (Certificate c : chain) {
        certs.add((X509Certificate) c);
      }
      return new CertifiedKey((PrivateKey) key, certs);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot read the key store: " + e.getMessage(), e);
    }
  }
}

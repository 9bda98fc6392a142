package io.kesjava.server;

import io.kesjava.core.Identity;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Test certificates made with BouncyCastle, and TLS contexts for servers and clients. */
final class TestPki {

  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());

  private TestPki() {}

  /** A key pair with a self-signed certificate. */
  record Cred(KeyPair keys, X509Certificate cert) {
    Identity identity() {
      return Identity.of(cert);
    }

    String id() {
      return identity().value();
    }

    /** The certificate as PEM. */
    String pem() throws Exception {
      String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
          .encodeToString(cert.getEncoded());
      return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    /** The certificate as a TLS proxy forwards it: URL-query-escaped PEM. */
    String forwarded() throws Exception {
      return URLEncoder.encode(pem(), StandardCharsets.UTF_8);
    }
  }

  static Cred create(String commonName) {
    return create(commonName, false);
  }

  static Cred create(String commonName, boolean ca) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      X500Name name = new X500Name("CN=" + commonName);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name,
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
          Date.from(now.plus(1, ChronoUnit.DAYS)), name, kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
      return new Cred(kp, cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A key pair with a certificate for {@code commonName} issued by {@code ca}. */
  static Cred issue(String commonName, Cred ca) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
          new X500Name(ca.cert().getSubjectX500Principal().getName()),
          BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(1, ChronoUnit.HOURS)),
          Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=" + commonName),
          kp.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate());
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer));
      return new Cred(kp, cert);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A server context that accepts any client chain: KES's {@code tls.auth: off}. */
  static SSLContext serverContext(Cred server) {
    return context(server);
  }

  /** A client context with {@code client}'s key ({@code null} for none) that trusts any server. */
  static SSLContext clientContext(Cred client) {
    return context(client);
  }

  private static SSLContext context(Cred cred) {
    try {
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      if (cred != null) {
        ks.setKeyEntry("k", cred.keys().getPrivate(), new char[0],
            new X509Certificate[] {cred.cert()});
      }
      kmf.init(ks, new char[0]);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), new TrustManager[] {new AnyTrust()}, new SecureRandom());
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Trusts every chain: identities are pinned by key, not by CA, as in KES. */
  private static final class AnyTrust implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}

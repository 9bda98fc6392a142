package io.kesjava.testkit;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Throw-away certificates for tests that speak TLS: CAs, certificates they issue, self-signed
 * certificates, PEM text of each, and SSL contexts for a server or a client.
 *
 * <p>An instance is a new CA with a server certificate it issued for {@code localhost} and {@code
 * 127.0.0.1}, ready for a fake server's HTTPS listener ({@link #serverSocketFactory()}) and for a
 * client's CA setting ({@link #writeCa(Path)}); two instances are two unrelated CAs. The static
 * methods make any other shape. Keys are EC P-256 unless a test passes its own; certificates are
 * valid from an hour ago for a day.
 *
 * <p>Thread-safety: immutable after construction; safe for concurrent use.
 *
 * <p>Security: for tests only. The private keys live in memory and the certificates are weak on
 * purpose (short-lived, no revocation); never trust them outside a test.
 */
public final class TestPki {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A key pair and the certificate of its public key.
   *
   * @param keys the key pair
   * @param certificate the certificate
   */
  public record Issued(KeyPair keys, X509Certificate certificate) {

    /** The certificate as a PEM {@code CERTIFICATE} block. */
    public String certificatePem() {
      return pem(certificate);
    }

    /** The private key as PEM in OpenSSL's traditional form ({@code EC PRIVATE KEY}, ...). */
    public String privateKeyPem() {
      return pem(keys.getPrivate());
    }

    /** The private key as a PKCS #8 {@code PRIVATE KEY} block. */
    public String pkcs8Pem() {
      return pkcs8(keys);
    }
  }

  private final Issued ca;
  private final Issued server;
  private final SSLContext serverContext;

  /**
   * Makes a new CA and a server certificate for localhost that it issued.
   *
   * @throws GeneralSecurityException if the keys cannot be made or the server context set up
   * @throws IOException never; declared for source compatibility with older callers
   */
  public TestPki() throws GeneralSecurityException, IOException {
    ca = ca("kes-java test CA");
    server = issue("localhost", ecKeys(), ca);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    keyStore.load(null, null);
    char[] password = "test".toCharArray();
    keyStore.setKeyEntry(
        "server",
        server.keys().getPrivate(),
        password,
        new X509Certificate[] {server.certificate(), ca.certificate()});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keyStore, password);
    serverContext = SSLContext.getInstance("TLS");
    serverContext.init(keyManagers.getKeyManagers(), null, null);
  }

  /** The CA: self-signed, and the issuer of {@link #server()}. */
  public Issued ca() {
    return ca;
  }

  /** The server certificate for {@code localhost} and {@code 127.0.0.1}. */
  public Issued server() {
    return server;
  }

  /** The CA's certificate. */
  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /**
   * A context that serves the server certificate and its chain and asks for no client
   * certificate.
   */
  public SSLContext serverContext() {
    return serverContext;
  }

  /** The socket factory of {@link #serverContext()}, such as MockWebServer's {@code useHttps} takes. */
  public SSLSocketFactory serverSocketFactory() {
    return serverContext.getSocketFactory();
  }

  /**
   * Writes the CA certificate as PEM to {@code file}, replacing it if it exists.
   *
   * @return {@code file}
   * @throws IOException if the file cannot be written
   */
  public Path writeCa(Path file) throws IOException {
    return Files.writeString(file, ca.certificatePem());
  }

  /** A new EC P-256 key pair. */
  public static KeyPair ecKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  /** A new 2048-bit RSA key pair. */
  public static KeyPair rsaKeys() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  /** A new self-signed CA named {@code CN=<commonName>}, allowed to sign certificates. */
  public static Issued ca(String commonName) throws GeneralSecurityException {
    return ca(commonName, ecKeys());
  }

  /** As {@link #ca(String)} for {@code keys}: EC, RSA or Ed25519. */
  public static Issued ca(String commonName, KeyPair keys) throws GeneralSecurityException {
    return new Issued(keys, certificate(commonName, keys, null, true));
  }

  /**
   * A self-signed end-entity certificate named {@code CN=<commonName>}: a KES client identity, or
   * with {@code dnsNames} a server certificate for those host names.
   */
  public static Issued selfSigned(String commonName, String... dnsNames)
      throws GeneralSecurityException {
    return selfSigned(commonName, ecKeys(), dnsNames);
  }

  /**
   * As {@link #selfSigned(String, String...)} for {@code keys}: EC, RSA or Ed25519, each signing
   * with its own algorithm ({@code SHA256withECDSA}, {@code SHA256withRSA}, {@code Ed25519}).
   */
  public static Issued selfSigned(String commonName, KeyPair keys, String... dnsNames)
      throws GeneralSecurityException {
    return new Issued(keys, certificate(commonName, keys, null, false, dnsNames));
  }

  /**
   * An end-entity certificate for {@code keys} named {@code CN=<commonName>}, for {@code localhost}
   * and {@code 127.0.0.1}, issued by {@code ca}; it serves as a server or a client certificate.
   */
  public static Issued issue(String commonName, KeyPair keys, Issued ca)
      throws GeneralSecurityException {
    return new Issued(keys, certificate(commonName, keys, ca, false, "localhost"));
  }

  /** As {@link #issue(String, KeyPair, Issued)} with a new EC key pair. */
  public static Issued issue(String commonName, Issued ca) throws GeneralSecurityException {
    return issue(commonName, ecKeys(), ca);
  }

  /**
   * PEM text of certificates, keys and other objects BouncyCastle can write; a private key comes
   * out in OpenSSL's traditional form.
   */
  public static String pem(Object... objects) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The private key of {@code keys} as a PKCS #8 {@code PRIVATE KEY} block. */
  public static String pkcs8(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }

  /**
   * A server context that presents {@code server} and, when {@code clientCa} is not null, trusts it
   * for client certificates (whether the server asks for one is the listener's choice).
   */
  public static SSLContext serverContext(Issued server, Issued clientCa)
      throws GeneralSecurityException {
    TrustManagerFactory trust = null;
    if (clientCa != null) {
      KeyStore anchors = emptyKeyStore();
      anchors.setCertificateEntry("ca", clientCa.certificate());
      trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(anchors);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers(server).getKeyManagers(),
        trust == null ? null : trust.getTrustManagers(),
        null);
    return context;
  }

  /**
   * A context that presents {@code own} (none when null) and trusts every peer: for a server that
   * pins client identities by key, as KES does, or for a client of such a test server.
   */
  public static SSLContext trustAllContext(Issued own) throws GeneralSecurityException {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(
        keyManagers(own).getKeyManagers(), new TrustManager[] {new TrustAll()}, RANDOM);
    return context;
  }

  /** A client context that trusts only {@code anchors} and presents no certificate. */
  public static SSLContext trustingContext(X509Certificate... anchors)
      throws GeneralSecurityException {
    KeyStore keyStore = emptyKeyStore();
    for (int i = 0; i < anchors.length; i++) {
      keyStore.setCertificateEntry("anchor-" + i, anchors[i]);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keyStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private static KeyManagerFactory keyManagers(Issued own) throws GeneralSecurityException {
    KeyStore keyStore = emptyKeyStore();
    if (own != null) {
      keyStore.setKeyEntry(
          "own", own.keys().getPrivate(), new char[0], new X509Certificate[] {own.certificate()});
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keyStore, new char[0]);
    return factory;
  }

  private static KeyStore emptyKeyStore() throws GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try {
      keyStore.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    return keyStore;
  }

  private static X509Certificate certificate(
      String commonName, KeyPair keys, Issued issuer, boolean isCa, String... dnsNames)
      throws GeneralSecurityException {
    X500Name subject = new X500Name("CN=" + commonName);
    X500Name issuerName =
        issuer == null
            ? subject
            : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(
            issuerName,
            new BigInteger(63, RANDOM),
            Date.from(now.minus(Duration.ofHours(1))),
            Date.from(now.plus(Duration.ofDays(1))),
            subject,
            keys.getPublic());
    KeyPair signer = issuer == null ? keys : issuer.keys();
    String algorithm =
        switch (signer.getPrivate().getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EdDSA", "Ed25519" -> "Ed25519";
          default -> "SHA256withECDSA";
        };
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        builder.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else if (dnsNames.length > 0) {
        List<GeneralName> names = new ArrayList<>();
        for (String dnsName : dnsNames) {
          names.add(new GeneralName(GeneralName.dNSName, dnsName));
          if (dnsName.equals("localhost")) {
            names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
          }
        }
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate())));
    } catch (IOException | OperatorCreationException e) {
      throw new GeneralSecurityException("cannot make a test certificate: " + e.getMessage(), e);
    }
  }

  /** Trusts every chain. */
  private static final class TrustAll implements X509TrustManager {
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

package io.kesjava.core.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds self-signed certificates: the development server certificate of {@code kes server --dev}
 * and the certificates of {@code kes identity new} ({@code docs/cli.md#development-mode}).
 *
 * <pre>{@code
 * CertifiedKey server = SelfSigned.server().validity(Duration.ofDays(90)).build();
 * CertifiedKey client = SelfSigned.builder().keyPair(pair).commonName("my-app").clientAuth().build();
 * }</pre>
 *
 * <p>Certificates get a random 128-bit serial, key usage digitalSignature, basic constraints {@code
 * cA = FALSE}, and the requested extended key usages and subject alternative names.
 *
 * <p>Thread-safety: a builder is not thread-safe; its results are immutable.
 */
public final class SelfSigned {

  private KeyPair keyPair;
  private KeyType keyType = KeyType.ECDSA_P256;
  private String commonName = "localhost";
  private final Set<String> dnsNames = new LinkedHashSet<>();
  private final Set<InetAddress> ipAddresses = new LinkedHashSet<>();
  private Instant notBefore;
  private Duration validity = Duration.ofDays(90);
  private boolean serverAuth;
  private boolean clientAuth;

  private SelfSigned() {}

  /**
   * A builder with no SANs and no extended key usage, for a new ECDSA P-256 key, CN {@code
   * localhost}, valid from now for 90 days.
   */
  public static SelfSigned builder() {
    return new SelfSigned();
  }

  /**
   * A builder for a server certificate: a new ECDSA P-256 key, CN {@code localhost}, SANs {@code
   * localhost}, {@code 127.0.0.1} and {@code ::1}, extended key usage serverAuth, 90 days.
   */
  public static SelfSigned server() {
    SelfSigned b = new SelfSigned().dnsName("localhost").serverAuth();
    try {
      b.ipAddresses.add(InetAddress.getByName("127.0.0.1"));
      b.ipAddresses.add(InetAddress.getByName("::1"));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // literals never need a lookup
    }
    return b;
  }

  /** Uses this key pair (Ed25519 or EC P-256) instead of generating one. */
  public SelfSigned keyPair(KeyPair keyPair) {
    this.keyPair = Objects.requireNonNull(keyPair, "keyPair");
    this.keyType = KeyType.of(keyPair.getPrivate());
    return this;
  }

  /** Generates a key of this type (ignored when {@link #keyPair(KeyPair)} is set). */
  public SelfSigned keyType(KeyType keyType) {
    this.keyType = Objects.requireNonNull(keyType, "keyType");
    return this;
  }

  /** The subject and issuer common name; not empty. */
  public SelfSigned commonName(String commonName) {
    Objects.requireNonNull(commonName, "commonName");
    if (commonName.isEmpty()) {
      throw new IllegalArgumentException("common name is empty");
    }
    this.commonName = commonName;
    return this;
  }

  /** Adds a DNS subject alternative name. */
  public SelfSigned dnsName(String dnsName) {
    Objects.requireNonNull(dnsName, "dnsName");
    if (dnsName.isBlank()) {
      throw new IllegalArgumentException("DNS name is empty");
    }
    dnsNames.add(dnsName);
    return this;
  }

  /** Adds an IP-address subject alternative name. */
  public SelfSigned ipAddress(InetAddress address) {
    ipAddresses.add(Objects.requireNonNull(address, "address"));
    return this;
  }

  /** The start of validity; default: the time of {@link #build()}. */
  public SelfSigned notBefore(Instant notBefore) {
    this.notBefore = Objects.requireNonNull(notBefore, "notBefore");
    return this;
  }

  /** How long the certificate is valid; positive; default 90 days. */
  public SelfSigned validity(Duration validity) {
    Objects.requireNonNull(validity, "validity");
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive");
    }
    this.validity = validity;
    return this;
  }

  /** Adds extended key usage serverAuth. */
  public SelfSigned serverAuth() {
    this.serverAuth = true;
    return this;
  }

  /** Adds extended key usage clientAuth. */
  public SelfSigned clientAuth() {
    this.clientAuth = true;
    return this;
  }

  /** Generates the key (unless given) and signs the certificate. */
  public CertifiedKey build() {
    KeyPair pair = keyPair != null ? keyPair : keyType.generate();
    Instant start = notBefore != null ? notBefore : Instant.now();
    try {
      X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              name,
              new BigInteger(128, new SecureRandom()),
              Date.from(start),
              Date.from(start.plus(validity)),
              name,
              SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      List<KeyPurposeId> purposes = new ArrayList<>();
      if (serverAuth) {
        purposes.add(KeyPurposeId.id_kp_serverAuth);
      }
      if (clientAuth) {
        purposes.add(KeyPurposeId.id_kp_clientAuth);
      }
      if (!purposes.isEmpty()) {
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
      }
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      List<ASN1Encodable> sans = new ArrayList<>();
      dnsNames.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
      ipAddresses.forEach(
          ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress().replaceAll("%.*$", ""))));
      if (!sans.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName, false, new DERSequence(sans.toArray(new ASN1Encodable[0])));
      }
      X509Certificate certificate =
          new JcaX509CertificateConverter()
              .getCertificate(
                  builder.build(new JcaContentSignerBuilder(keyType.signatureAlgorithm()).build(pair.getPrivate())));
      return new CertifiedKey(pair.getPrivate(), List.of(certificate));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create a self-signed certificate: " + e.getMessage(), e);
    }
  }
}

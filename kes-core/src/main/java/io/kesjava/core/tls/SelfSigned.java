package io.kesjava.core.tls;

import io.kesjava.keystore.pem.Der;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Builds self-signed certificates: the development server certificate of {@code kes server --dev}
 * and the certificates of {@code kes identity new} ({@code docs/cli.md#development-mode}).
 *
 * <pre>{@code
 * CertifiedKey server = SelfSigned.server().validity(Duration.ofDays(90)).build();
 * CertifiedKey client = SelfSigned.builder().keyPair(pair).commonName("my-app").clientAuth().build();
 * }</pre>
 *
 * <p>Certificates are X.509 v3 with a random 128-bit serial, subject and issuer {@code CN=<common
 * name>}, key usage digitalSignature (critical), the requested extended key usages, basic
 * constraints {@code cA = FALSE} (critical), and the requested subject alternative names. They are
 * written with the JDK alone (DER by hand, signed with the JDK's {@link Signature}).
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
    return build(new BigInteger(128, new SecureRandom()));
  }

  /** {@link #build()} with a given serial number, for tests that compare encodings. */
  CertifiedKey build(BigInteger serial) {
    KeyPair pair = keyPair != null ? keyPair : keyType.generate();
    Instant start = notBefore != null ? notBefore : Instant.now();
    try {
      byte[] name = Der.sequence(Der.tlv(0x31, Der.sequence(Der.oid("2.5.4.3"),
          Der.utf8String(commonName))));
      byte[] algorithm = Der.sequence(Der.oid(keyType.signatureOid()));
      List<byte[]> extensions = new ArrayList<>();
      extensions.add(extension("2.5.29.15", true, Der.tlv(Der.BIT_STRING, new byte[] {7,
          (byte) 0x80}))); // keyUsage: digitalSignature
      List<byte[]> purposes = new ArrayList<>();
      if (serverAuth) {
        purposes.add(Der.oid("1.3.6.1.5.5.7.3.1"));
      }
      if (clientAuth) {
        purposes.add(Der.oid("1.3.6.1.5.5.7.3.2"));
      }
      if (!purposes.isEmpty()) {
        extensions.add(extension("2.5.29.37", false, Der.sequence(purposes.toArray(byte[][]::new))));
      }
      extensions.add(extension("2.5.29.19", true, Der.sequence())); // basicConstraints cA FALSE
      List<byte[]> sans = new ArrayList<>();
      dnsNames.forEach(d -> sans.add(Der.tlv(0x82, d.getBytes(StandardCharsets.US_ASCII))));
      ipAddresses.forEach(ip -> sans.add(Der.tlv(0x87, ip.getAddress())));
      if (!sans.isEmpty()) {
        extensions.add(extension("2.5.29.17", false, Der.sequence(sans.toArray(byte[][]::new))));
      }
      byte[] tbs = Der.sequence(
          Der.explicit(0, Der.integer(BigInteger.TWO)),
          Der.integer(serial),
          algorithm,
          name,
          Der.sequence(Der.time(start), Der.time(start.plus(validity))),
          name,
          pair.getPublic().getEncoded(),
          Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))));
      Signature signer = Signature.getInstance(keyType.signatureAlgorithm());
      signer.initSign(pair.getPrivate());
      signer.update(tbs);
      byte[] der = Der.sequence(tbs, algorithm, Der.bitString(signer.sign()));
      X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
          .generateCertificate(new ByteArrayInputStream(der));
      return new CertifiedKey(pair.getPrivate(), List.of(certificate));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalStateException("cannot create a self-signed certificate: " + e.getMessage(), e);
    }
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    return critical
        ? Der.sequence(Der.oid(oid), new byte[] {1, 1, (byte) 0xff}, Der.octetString(value))
        : Der.sequence(Der.oid(oid), Der.octetString(value));
  }
}

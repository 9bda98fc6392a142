package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
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
import org.junit.jupiter.api.Test;

/**
 * The certificates {@link SelfSigned} writes with the JDK alone are, byte for byte, those that
 * BouncyCastle's certificate builder wrote before (same serial, times, names and extensions).
 * Ed25519 signatures are deterministic, so whole certificates are compared; ECDSA ones are not, so
 * their to-be-signed parts are.
 */
class SelfSignedEncodingTest {

  private static final Instant START = Instant.parse("2026-03-04T05:06:07.891Z");

  /** What the BouncyCastle-based builder wrote (the code this project had before). */
  private static X509Certificate bouncyCastle(KeyPair pair, String cn, BigInteger serial,
      Instant start, Duration validity, boolean serverAuth, boolean clientAuth, List<String> dns,
      List<InetAddress> ips, String signatureAlgorithm) throws Exception {
    X500Name name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, cn).build();
    X509v3CertificateBuilder b = new X509v3CertificateBuilder(name, serial, Date.from(start),
        Date.from(start.plus(validity)), name,
        SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
    List<KeyPurposeId> purposes = new ArrayList<>();
    if (serverAuth) {
      purposes.add(KeyPurposeId.id_kp_serverAuth);
    }
    if (clientAuth) {
      purposes.add(KeyPurposeId.id_kp_clientAuth);
    }
    if (!purposes.isEmpty()) {
      b.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0])));
    }
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    List<ASN1Encodable> sans = new ArrayList<>();
    dns.forEach(d -> sans.add(new GeneralName(GeneralName.dNSName, d)));
    ips.forEach(ip -> sans.add(new GeneralName(GeneralName.iPAddress, ip.getHostAddress())));
    if (!sans.isEmpty()) {
      b.addExtension(Extension.subjectAlternativeName, false,
          new DERSequence(sans.toArray(new ASN1Encodable[0])));
    }
    return new JcaX509CertificateConverter().getCertificate(
        b.build(new JcaContentSignerBuilder(signatureAlgorithm).build(pair.getPrivate())));
  }

  @Test
  void ed25519ClientCertificate_isByteForByteTheSame() throws Exception {
    KeyPair pair = KeyType.ED25519.generate();
    BigInteger serial = new BigInteger("f1e2d3c4b5a6978877665544332211ff", 16);
    X509Certificate jdk = SelfSigned.builder().keyPair(pair).commonName("my-app").clientAuth()
        .notBefore(START).validity(Duration.ofDays(90)).build(serial).certificate();
    X509Certificate bc = bouncyCastle(pair, "my-app", serial, START, Duration.ofDays(90), false,
        true, List.of(), List.of(), "Ed25519");
    assertThat(jdk.getEncoded()).isEqualTo(bc.getEncoded());
    jdk.verify(pair.getPublic());
  }

  @Test
  void ecdsaServerCertificate_hasTheSameToBeSignedPart_andVerifies() throws Exception {
    KeyPair pair = KeyType.ECDSA_P256.generate();
    BigInteger serial = BigInteger.valueOf(0x7f); // small, and one whose top bit needs no 0 byte
    List<InetAddress> ips =
        List.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
    // after 2049: GeneralizedTime
    Duration long_ = Duration.ofDays(365L * 40);
    SelfSigned b = SelfSigned.server().keyPair(pair).notBefore(START).validity(long_);
    X509Certificate jdk = b.build(serial).certificate();
    X509Certificate bc = bouncyCastle(pair, "localhost", serial, START, long_, true, false,
        List.of("localhost"), ips, "SHA256withECDSA");
    assertThat(jdk.getTBSCertificate()).isEqualTo(bc.getTBSCertificate());
    jdk.verify(pair.getPublic());
    assertThat(jdk.getSubjectAlternativeNames()).hasSize(3);
  }

  @Test
  void apiKeyCertificate_isByteForByteWhatBouncyCastleWrote() throws Exception {
    try (ApiKey key = ApiKey.parse("kes:v1:AGaV6VXHasF0FnaB60WdCOeTZ8eTIDikL4zlN16c8NAs")) {
      X509Certificate jdk = key.certificate(START, Duration.ofDays(90));
      KeyPair pair = new KeyPair(key.publicKey(), key.privateKey());
      X509Certificate bc = bouncyCastle(pair, key.identity().value(), jdk.getSerialNumber(), START,
          Duration.ofDays(90), false, true, List.of(), List.of(), "Ed25519");
      assertThat(jdk.getEncoded()).isEqualTo(bc.getEncoded());
      assertThat(io.kesjava.core.Identity.of(jdk)).isEqualTo(key.identity());
    }
  }
}

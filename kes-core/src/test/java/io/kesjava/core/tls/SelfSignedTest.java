package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfSignedTest {

  @Test
  void server_isEcdsaP256ForLocalhostAndLoopbackWithServerAuth() throws Exception {
    CertifiedKey ck = SelfSigned.server().build();
    X509Certificate cert = ck.certificate();
    assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(List.of(2, "localhost"), List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).isTrue(); // digitalSignature
    assertThat(Duration.between(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofDays(90));
    cert.verify(cert.getPublicKey());
  }

  @Test
  void builder_withGivenEd25519KeyAndValidity() throws Exception {
    KeyPair pair = KeyType.ED25519.generate();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    CertifiedKey ck =
        SelfSigned.builder()
            .keyPair(pair)
            .commonName("my-app")
            .dnsName("kes.example.com")
            .ipAddress(InetAddress.getByName("10.0.0.1"))
            .notBefore(start)
            .validity(Duration.ofHours(720))
            .serverAuth()
            .clientAuth()
            .build();
    X509Certificate cert = ck.certificate();
    assertThat(ck.privateKey()).isEqualTo(pair.getPrivate());
    assertThat(cert.getPublicKey()).isEqualTo(pair.getPublic());
    assertThat(cert.getSigAlgName()).isIn("Ed25519", "EdDSA");
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=my-app");
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(start);
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(start.plus(30, ChronoUnit.DAYS));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(cert.getSubjectAlternativeNames())
        .containsExactly(List.of(2, "kes.example.com"), List.of(7, "10.0.0.1"));
    cert.verify(pair.getPublic());
  }

  @Test
  void builder_defaultsHaveNoSansAndNoExtendedKeyUsage() throws Exception {
    X509Certificate cert = SelfSigned.builder().build().certificate();
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    assertThat(cert.getExtendedKeyUsage()).isNull();
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
    assertThatThrownBy(() -> SelfSigned.builder().commonName("")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_serialsAreRandom() {
    assertThat(SelfSigned.builder().build().certificate().getSerialNumber())
        .isNotEqualTo(SelfSigned.builder().build().certificate().getSerialNumber());
  }

  @Test
  void builder_rejectsNonPositiveValidity() {
    assertThatThrownBy(() -> SelfSigned.builder().validity(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void certifiedKey_rejectsKeyOfAnotherCertificate_andRedactsInToString() {
    CertifiedKey a = SelfSigned.server().build();
    CertifiedKey b = SelfSigned.server().build();
    assertThatThrownBy(() -> new CertifiedKey(a.privateKey(), b.chain()))
        .hasMessage("private key does not match public key in certificate");
    assertThatThrownBy(() -> new CertifiedKey(a.privateKey(), List.of())).hasMessage("the certificate chain is empty");
    assertThat(a.toString()).contains("redacted").doesNotContain(a.privateKey().toString());
  }
}

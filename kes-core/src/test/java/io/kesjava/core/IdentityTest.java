package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.pem.Der;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class IdentityTest {

  @TestFactory
  Stream<DynamicTest> certIdentityVectors() {
    return Vectors.tests(
        "cert-identity",
        v ->
            assertThat(Identity.of(parse(v.get("certificate_pem").asText())).value())
                .isEqualTo(v.get("expected").get("identity").asText()));
  }

  @Test
  void ofPeer_needsExactlyOneNonCaCertificate() {
    try (ApiKey a = ApiKey.generate();
        ApiKey b = ApiKey.generate()) {
      X509Certificate ca = a.certificate();
      assertThat(Identity.ofPeer(List.of(ca))).isEqualTo(a.identity());
      assertThatThrownBy(() -> Identity.ofPeer(List.of()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("tls: client certificate is required");
      assertThatThrownBy(() -> Identity.ofPeer(List.of(a.certificate(), b.certificate())))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("tls: received more than one client certificate");
    }
  }

  @Test
  void of_hashesTheSubjectPublicKeyInfoBytesOfTheCertificate() throws Exception {
    for (var v : Vectors.ofKind("cert-identity")) {
      X509Certificate cert = parse(v.get("certificate_pem").asText());
      byte[] expected = cert.getPublicKey().getEncoded(); // canonical for these key types
      assertThat(Der.subjectPublicKeyInfo(cert.getEncoded())).isEqualTo(expected);
    }
    assertThatThrownBy(() -> Der.subjectPublicKeyInfo(new byte[] {0x30, 0x05, 1}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isHex_onlyForLowercase64HexDigits() {
    assertThat(new Identity("a".repeat(64)).isHex()).isTrue();
    assertThat(new Identity("A".repeat(64)).isHex()).isFalse();
    assertThat(new Identity("disabled").isHex()).isFalse();
    assertThatThrownBy(() -> new Identity("")).isInstanceOf(IllegalArgumentException.class);
  }

  static X509Certificate parse(String pem) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}

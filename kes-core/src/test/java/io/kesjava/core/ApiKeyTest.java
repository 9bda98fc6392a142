package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ApiKeyTest {

  @TestFactory
  Stream<DynamicTest> apiKeyParseVectors() {
    return Vectors.tests(
        "apikey-parse",
        v -> {
          String text = v.get("api_key").asText();
          var expected = v.get("expected");
          if (expected.get("ok").asBoolean()) {
            try (ApiKey key = ApiKey.parse(text)) {
              assertThat(key.revealText()).isEqualTo(expected.get("canonical").asText());
              assertThat(key.identity().value()).isEqualTo(expected.get("identity").asText());
            }
          } else {
            assertThatThrownBy(() -> ApiKey.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kes: invalid API key");
          }
        });
  }

  @TestFactory
  Stream<DynamicTest> apiKeyIdentityVectors() {
    return Vectors.tests(
        "apikey-identity",
        v -> {
          try (ApiKey key = ApiKey.parse(v.get("api_key").asText())) {
            assertThat(key.identity().value())
                .isEqualTo(v.get("expected").get("identity").asText());
            byte[] spki = key.certificate().getPublicKey().getEncoded();
            assertThat(Base64.getEncoder().encodeToString(spki))
                .isEqualTo(v.get("expected").get("spki_der_b64").asText());
          }
        });
  }

  @Test
  void parse_rejectsWrongLengthAndType() {
    String short32 = Base64.getEncoder().encodeToString(new byte[32]);
    assertThatThrownBy(() -> ApiKey.parse("kes:v1:" + short32))
        .hasMessage("kes: invalid API key: invalid length");
    byte[] typed = new byte[33];
    typed[0] = 1;
    assertThatThrownBy(() -> ApiKey.parse(Base64.getEncoder().encodeToString(typed)))
        .hasMessage("kes: invalid API key: unsupported type");
  }

  @Test
  void parse_failureNeverEchoesTheKey() {
    String secret = "kes:v1:AGaV6VXHasF0FnaB60WdCOeTZ8eTIDikL4zlN16c8NA";
    assertThatThrownBy(() -> ApiKey.parse(secret))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AGaV6VXHasF0"));
  }

  @Test
  void toString_showsTheIdentityButNotTheKey() {
    try (ApiKey key = ApiKey.generate()) {
      String text = key.revealText();
      assertThat(key.toString())
          .contains(key.identity().value())
          .doesNotContain(text.substring(7, 30));
    }
  }

  @Test
  void certificate_isASelfSignedClientCertificateWithTheKeysIdentity() throws Exception {
    try (ApiKey key = ApiKey.generate()) {
      X509Certificate cert = key.certificate();
      assertThat(Identity.of(cert)).isEqualTo(key.identity());
      assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=" + key.identity());
      assertThat(cert.getBasicConstraints()).isEqualTo(-1);
      assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
      cert.verify(cert.getPublicKey());
      Signature sig = Signature.getInstance("Ed25519");
      sig.initSign(key.privateKey());
      sig.update(new byte[] {1, 2, 3});
      byte[] s = sig.sign();
      sig.initVerify(cert.getPublicKey());
      sig.update(new byte[] {1, 2, 3});
      assertThat(sig.verify(s)).isTrue();
    }
  }

  @Test
  void generate_givesDistinctKeysThatRoundTrip() {
    try (ApiKey a = ApiKey.generate();
        ApiKey b = ApiKey.generate();
        ApiKey c = ApiKey.parse(a.revealText())) {
      assertThat(a.identity()).isNotEqualTo(b.identity());
      assertThat(c.identity()).isEqualTo(a.identity());
      assertThat(a.revealText()).startsWith("kes:v1:").hasSize(51);
    }
  }
}

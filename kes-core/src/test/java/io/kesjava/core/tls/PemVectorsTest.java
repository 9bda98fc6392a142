package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.kesjava.keystore.pem.PemException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The vectors {@code pem-private-key-read}, {@code pem-certificate-read}, {@code pem-certpool-read}. */
class PemVectorsTest {

  @TempDir Path dir;

  private Stream<DynamicTest> tests(String kind, java.util.function.Consumer<JsonNode> check) {
    return TlsVectors.ofKind(kind).stream()
        .map(v -> DynamicTest.dynamicTest(v.get("id").asText(), () -> check.accept(v)));
  }

  private Path file(JsonNode v) {
    return TestCerts.write(dir, v.get("id").asText().replace('#', '-') + ".pem", v.get("pem").asText());
  }

  @TestFactory
  Stream<DynamicTest> pemPrivateKeyRead() {
    return tests(
        "pem-private-key-read",
        v -> {
          String password = v.get("password").asText();
          PrivateKey key = Pem.readPrivateKey(file(v), password.toCharArray());
          assertThat(v.at("/expected/ok").asBoolean()).isTrue();
          assertThat(TestCerts.identity(TestKeys.publicKeyOf(key)))
              .isEqualTo(v.at("/expected/public_key_identity").asText());
        });
  }

  @TestFactory
  Stream<DynamicTest> pemCertificateRead() {
    return tests(
        "pem-certificate-read",
        v -> {
          List<X509Certificate> certs = Pem.readCertificates(file(v));
          assertThat(v.at("/expected/ok").asBoolean()).isTrue();
          assertThat(certs).hasSize(1);
          assertThat(TestCerts.identity(certs.get(0).getPublicKey()))
              .isEqualTo(v.at("/expected/identity").asText());
        });
  }

  @TestFactory
  Stream<DynamicTest> pemCertpoolRead() {
    return tests(
        "pem-certpool-read",
        v -> {
          Path file = file(v);
          if (v.at("/expected/ok").asBoolean()) {
            assertThat(Pem.readCaCertificates(file)).isNotEmpty();
          } else {
            assertThatThrownBy(() -> Pem.readCaCertificates(file))
                .isInstanceOf(PemException.class)
                .hasMessageStartingWith("failed to add '" + file + "' as CA certificate");
          }
        });
  }

  @TestFactory
  Stream<DynamicTest> encryptedVectorWithoutOrWithWrongPasswordFails() {
    JsonNode encrypted = TlsVectors.ofKind("pem-private-key-read").get(2);
    return Stream.of(
        DynamicTest.dynamicTest(
            "no password",
            () ->
                assertThatThrownBy(() -> Pem.readPrivateKey(file(encrypted), null))
                    .hasMessage("private key is encrypted: password required")),
        DynamicTest.dynamicTest(
            "wrong password",
            () ->
                assertThatThrownBy(() -> Pem.readPrivateKey(file(encrypted), "wrong".toCharArray()))
                    .hasMessage("private key is encrypted: incorrect password")));
  }
}

package io.kesjava.keystore.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading the CAs of {@code tls.ca} (docs/keystores/README.md). */
class TrustedCasTest {

  @TempDir Path dir;

  @Test
  void aCaFile_isTrustedAlone() throws Exception {
    TestPki pki = new TestPki();
    Path ca = pki.writeCa(dir.resolve("ca.pem"));

    var issuers = TrustedCas.load(ca, false).trustManager().getAcceptedIssuers();

    assertThat(issuers).containsExactly(pki.caCertificate());
  }

  @Test
  void theCustomCa_isAddedToTheSystemRoots_notInstead() throws Exception {
    TestPki pki = new TestPki();
    Path ca = pki.writeCa(dir.resolve("ca.pem"));

    var issuers = TrustedCas.load(ca, true).trustManager().getAcceptedIssuers();

    assertThat(issuers).contains(pki.caCertificate());
    assertThat(issuers.length).isGreaterThan(1);
  }

  @Test
  void aDirectory_trustsEveryRegularFileInIt() throws Exception {
    Path cas = Files.createDirectory(dir.resolve("cas"));
    TestPki one = new TestPki();
    TestPki two = new TestPki();
    one.writeCa(cas.resolve("ca.pem"));
    two.writeCa(cas.resolve("another-ca.crt"));
    Files.createDirectory(cas.resolve("not-a-file"));

    var issuers = TrustedCas.load(cas, false).trustManager().getAcceptedIssuers();

    assertThat(issuers).containsExactlyInAnyOrder(one.caCertificate(), two.caCertificate());
  }

  @Test
  void aFileWithoutACertificate_isRejected_withItsName() throws Exception {
    Path notPem = Files.writeString(dir.resolve("not-a-ca.pem"), "hello");

    assertThatThrownBy(() -> TrustedCas.load(notPem, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'" + notPem + "' does not contain a valid X.509 PEM-encoded certificate");
  }

  @Test
  void aMissingFile_isRejected_withItsName() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> TrustedCas.load(missing, false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read '" + missing + "'");
  }
}

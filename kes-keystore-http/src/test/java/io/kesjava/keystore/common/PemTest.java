package io.kesjava.keystore.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {

  @Test
  void readsPkcs1Sec1AndPkcs8Keys() throws Exception {
    for (KeyPair keys : new KeyPair[] {TestPki.rsaKeys(), TestPki.ecKeys()}) {
      String traditional = TestPki.pem(keys.getPrivate());
      assertThat(traditional)
          .contains(
              keys.getPrivate().getAlgorithm().equals("RSA")
                  ? "BEGIN RSA PRIVATE KEY"
                  : "BEGIN EC PRIVATE KEY");

      PrivateKey fromTraditional = Pem.privateKey(traditional);
      PrivateKey fromPkcs8 = Pem.privateKey(TestPki.pkcs8(keys));

      assertThat(fromTraditional.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
      assertThat(fromPkcs8.getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
    }
  }

  @Test
  void readsEveryCertificateOfAChain_andSkipsOtherBlocks() throws Exception {
    TestPki.Issued ca = TestPki.ca("ca");
    TestPki.Issued leaf = TestPki.issue("leaf", ca);

    String pem = TestPki.pem(leaf.certificate(), leaf.keys().getPrivate(), ca.certificate());

    assertThat(Pem.certificates("chain:\n" + pem))
        .containsExactly(leaf.certificate(), ca.certificate());
    assertThat(Pem.certificates("no PEM here")).isEmpty();
  }

  @Test
  void aTextWithoutAKey_failsWithoutQuotingIt() {
    assertThatThrownBy(() -> Pem.privateKey("secret-looking junk"))
        .isInstanceOf(GeneralSecurityException.class)
        .hasMessage("no PEM-encoded private key found");
  }

  @Test
  void files_ofADirectory_areItsRegularFiles_byName(@TempDir Path dir) throws Exception {
    Path b = Files.writeString(dir.resolve("b.pem"), "");
    Path a = Files.writeString(dir.resolve("a.pem"), "");
    Files.createDirectory(dir.resolve("c.d"));

    assertThat(Pem.files(dir)).containsExactly(a, b);
    assertThat(Pem.files(a)).containsExactly(a);
  }
}

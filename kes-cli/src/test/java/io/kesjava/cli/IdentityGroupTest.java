package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.KeyType;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kes identity} alone and with an API key or a file ({@code
 * docs/cli.md#identities-and-api-keys}).
 */
class IdentityGroupTest {

  @TempDir Path dir;

  @Test
  void alone_printsANewApiKey() {
    CliRun cli = new CliRun().run("identity");
    assertThat(cli.status).isZero();
    try (ApiKey key = ApiKey.parse(cli.out())) {
      assertThat(key.identity().isHex()).isTrue();
    }
    assertThat(new CliRun().run("identity").out()).isNotEqualTo(cli.out());
  }

  @Test
  void withAnApiKey_printsItsIdentity() {
    CliRun cli = new CliRun().run("identity", "kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc");
    assertThat(cli.status).isZero();
    assertThat(cli.out())
        .isEqualTo("3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22");
  }

  @Test
  void withAnEd25519KeyFile_printsItsApiKey_andWithItsCertificate_theSameIdentity() throws Exception {
    try (ApiKey key = ApiKey.generate()) {
      Path keyFile = Files.writeString(dir.resolve("k.key"), Pem.encodePrivateKey(key.privateKey()));
      Path certFile =
          Files.writeString(dir.resolve("k.cert"), Pem.encodeCertificate(key.certificate()));
      assertThat(new CliRun().run("identity", keyFile.toString()).out()).isEqualTo(key.revealText());
      assertThat(new CliRun().run("identity", certFile.toString()).out())
          .isEqualTo(key.identity().value());
    }
  }

  @Test
  void withAnotherKeyType_orNoPem_fails() throws Exception {
    var ec = SelfSigned.builder().keyType(KeyType.ECDSA_P256).build();
    Path ecKey = Files.writeString(dir.resolve("ec.key"), Pem.encodePrivateKey(ec.privateKey()));
    CliRun cli = new CliRun().run("identity", ecKey.toString());
    assertThat(cli.status).isEqualTo(1);
    assertThat(cli.err()).contains("contains unsupported private key");
    Path junk = Files.writeString(dir.resolve("junk.txt"), "hello");
    assertThat(new CliRun().run("identity", junk.toString()).err())
        .contains("contains no valid PEM certificate or private key");
    assertThat(new CliRun().run("identity", "a", "b").err()).contains("too many arguments");
  }

  @Test
  void subCommandsStillWork() {
    assertThat(new CliRun().run("identity", "new").status).isZero();
  }
}

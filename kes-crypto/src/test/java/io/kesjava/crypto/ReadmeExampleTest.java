package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The example of {@code kes-crypto/README.md}, kept line for line. */
class ReadmeExampleTest {

  @Test
  void readmeExample_runs() {
    byte[] dek = new byte[32];
    byte[] context = "bucket/object".getBytes(StandardCharsets.UTF_8);
    byte[] result;

    try (KeyVersion version = KeyVersion.generate(KeyAlgorithm.AES256, "my-identity", Clock.systemUTC());
        KeyVersion stored = KeyVersion.parse(version.encode())) { // encode(): what a key store keeps
      byte[] ciphertext = version.key().encrypt(dek, context);   // 44 bytes longer than dek
      byte[] plaintext = stored.key().decrypt(ciphertext, context);
      result = plaintext;
      assertThat(ciphertext).hasSize(dek.length + 44);
    }

    assertThat(result).isEqualTo(dek);
  }
}

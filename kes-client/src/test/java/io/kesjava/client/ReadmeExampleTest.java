package io.kesjava.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.DataKey;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.policy.PolicyTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example of {@code kes-client/README.md}, run as it is written there against a server. */
class ReadmeExampleTest {

  @TempDir Path dir;

  @Test
  void theReadmeExampleRuns() throws Exception {
    ApiKey admin = ApiKey.generate();
    try (TestServer server =
        TestServer.start(PolicyTable.builder().admin(admin.identity().value()).build())) {
      String endpoint = server.endpoint();
      String apiKey = admin.revealText();
      Path caFile = TestServer.writeCa(dir);
      byte[] decrypted;
      // README:begin
      try (KesClient kes = KesClient.builder()
          .endpoint(endpoint)                  // "https://kes.example.net:7373"; add more to fail over
          .apiKey(apiKey)                      // "kes:v1:...", or .clientCertificate(certFile, keyFile)
          .trustedCertificates(caFile)         // the server's CA; the system's roots are trusted too
          .build()) {
        kes.createKey("my-app-key");
        byte[] context = "bucket/object".getBytes(UTF_8);  // bound to the ciphertext

        byte[] stored;                                     // keep this beside your data
        try (DataKey dek = kes.generateKey("my-app-key", context)) {
          stored = dek.ciphertext();
          // ... encrypt your data with dek.plaintext().bytes(), then forget the key
        }
        try (SecretBytes dek = kes.decrypt("my-app-key", stored, context)) {
          byte[] key = dek.bytes();                        // decrypt your data with it,
          decrypted = key.clone(); // (test only)
          Arrays.fill(key, (byte) 0);                      // then zero it
        }
      }
      // README:end
      assertThat(decrypted).hasSize(32);
      assertThat(server.engine.describeKey("my-app-key").createdBy())
          .isEqualTo(admin.identity().value());
    }
    assertThat(readme()).contains(example());
  }

  /** The lines between the markers above, without the test-only ones. */
  private static String example() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("src/test/java/io/kesjava/client/ReadmeExampleTest.java"));
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.trim().equals("// README:end")) {
        in = false;
      }
      if (in && !line.contains("(test only)")) {
        out.add(line.substring(Math.min(6, line.length())));
      }
      if (line.trim().equals("// README:begin")) {
        in = true;
      }
    }
    return String.join("\n", out);
  }

  private static String readme() throws IOException {
    return Files.readString(Path.of("README.md"));
  }
}

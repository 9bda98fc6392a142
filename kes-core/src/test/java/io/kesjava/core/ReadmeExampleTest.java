package io.kesjava.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.FileSystemKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded quick start of the README, run as it is written there. */
class ReadmeExampleTest {

  @TempDir Path dir;

  @Test
  void theReadmeExampleRuns() throws Exception {
    Path keys = dir.resolve("keys");
    // README:begin
    try (KesEngine kes = KesEngine.builder()
        .keyStore(FileSystemKeyStore.open(keys))     // or new MemoryKeyStore(), or any backend
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
        Arrays.fill(key, (byte) 0);                      // then zero it
      }
    }
    // README:end
    try (var files = Files.list(keys)) {
      assertThat(files.map(f -> f.getFileName().toString())).containsExactly("my-app-key");
    }
    assertThat(readme()).contains(example());
  }

  /** The lines between the markers above, as they stand in this file. */
  private static String example() throws IOException {
    List<String> lines =
        Files.readAllLines(Path.of("src/test/java/io/kesjava/core/ReadmeExampleTest.java"));
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : lines) {
      if (line.trim().equals("// README:end")) {
        in = false;
      }
      if (in) {
        out.add(line.substring(Math.min(4, line.length())));
      }
      if (line.trim().equals("// README:begin")) {
        in = true;
      }
    }
    return String.join("\n", out);
  }

  private static String readme() throws IOException {
    return Files.readString(Path.of("../README.md"));
  }
}

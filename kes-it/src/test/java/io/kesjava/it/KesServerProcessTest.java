package io.kesjava.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: a server that cannot start is reported with what it printed. */
class KesServerProcessTest {

  @TempDir Path dir;

  @Test
  void aServerThatExits_failsTheStart_withItsMessage() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config.yml"),
            String.join(
                "\n",
                "version: v1",
                "address: 127.0.0.1:0",
                "admin:",
                "  identity: disabled",
                "tls:",
                "  key: " + dir.resolve("missing.key"),
                "  cert: " + dir.resolve("missing.cert"),
                "keystore:",
                "  fs:",
                "    path: " + dir.resolve("keys"),
                ""));
    try (OutboundSentinel sentinel = new OutboundSentinel()) {
      assertThatThrownBy(() -> KesServerProcess.start(config, Map.of(), List.of(), sentinel))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("kes server exited before it served: status 1")
          .hasMessageContaining("Error: failed to read TLS private key");
    }
  }
}

package io.kesjava.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code keystore.fs} ({@code docs/keystores/fs.md#configuration}): one file per key in a directory
 * that the server creates; the file holds the value as it is, readable by its owner only ({@code
 * docs/keystores/fs.md}).
 */
class FsE2eTest extends KeyStoreE2eTest {

  private Path keys() {
    return dir.resolve("keys");
  }

  @Override
  String keyStoreSection() {
    return String.join("\n", "  fs:", "    path: " + keys());
  }

  @Override
  String description() {
    return "Filesystem: " + keys();
  }

  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    Path file = keys().resolve(name);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    return Optional.of(Files.readAllBytes(file));
  }
}

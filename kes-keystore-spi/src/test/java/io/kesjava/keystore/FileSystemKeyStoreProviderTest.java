package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemKeyStoreProviderTest {

  @TempDir Path temp;

  private final FileSystemKeyStoreProvider provider = new FileSystemKeyStoreProvider();

  @Test
  void name_isFs() {
    assertThat(provider.name()).isEqualTo("fs");
  }

  @Test
  void create_opensTheDirectoryAtPath() {
    Path dir = temp.resolve("keys");

    KeyStore store =
        provider.create(KeyStoreConfig.of("keystore.fs", Map.of("path", dir.toString())));

    assertThat(store).isInstanceOf(FileSystemKeyStore.class);
    assertThat(store.description()).isEqualTo("Filesystem: " + dir);
  }

  @Test
  void create_withoutAPath_failsNamingTheKey() {
    assertThatThrownBy(() -> provider.create(KeyStoreConfig.of("keystore.fs", Map.of())))
        .isInstanceOf(InvalidConfigException.class)
        .extracting(e -> ((InvalidConfigException) e).key())
        .isEqualTo("keystore.fs.path");
  }

  @Test
  void create_withAPathToAFile_failsNamingTheKey() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x");

    KeyStoreConfig config = KeyStoreConfig.of("keystore.fs", Map.of("path", file.toString()));

    assertThatThrownBy(() -> provider.create(config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessage("keystore.fs.path: fs: '" + file + "' is not a directory");
  }
}

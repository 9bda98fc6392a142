package io.kesjava.keystore;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The provider named {@code fs}: a {@link FileSystemKeyStore} in the directory given by the
 * required setting {@code path} ({@code docs/keystores/fs.md#configuration}).
 *
 * <p>Thread-safety: stateless.
 */
public final class FileSystemKeyStoreProvider implements KeyStoreProvider {

  /** For {@link java.util.ServiceLoader}. */
  public FileSystemKeyStoreProvider() {}

  /** {@code fs}. */
  @Override
  public String name() {
    return "fs";
  }

  /**
   * Opens the directory at {@code path}, creating it if missing.
   *
   * @throws InvalidConfigException if {@code path} is missing, empty, not a valid path, or names
   *     something that is not a directory
   * @throws KeyStoreException if the directory cannot be created or opened
   */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    String key = config.path().isEmpty() ? "path" : config.path() + ".path";
    Path dir;
    try {
      dir = Path.of(config.requireString("path"));
    } catch (InvalidPathException e) {
      throw new InvalidConfigException(key, "not a valid path");
    }
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new InvalidConfigException(key, "fs: '" + dir + "' is not a directory");
    }
    return FileSystemKeyStore.open(dir);
  }
}

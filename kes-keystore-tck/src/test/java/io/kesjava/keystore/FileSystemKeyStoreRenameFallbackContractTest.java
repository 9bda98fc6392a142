package io.kesjava.keystore;

import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key-store contract, against {@link FileSystemKeyStore} forced to create keys by locked
 * rename, as it does on file systems without hard links.
 */
class FileSystemKeyStoreRenameFallbackContractTest extends KeyStoreContractTest {

  @TempDir Path dir;

  @Override
  protected KeyStore newKeyStore() {
    return FileSystemKeyStore.open(dir.resolve("keys"), false);
  }
}

package io.kesjava.keystore;

import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The key-store contract, against {@link FileSystemKeyStore} in a new directory per test. */
class FileSystemKeyStoreContractTest extends KeyStoreContractTest {

  @TempDir Path dir;

  @Override
  protected KeyStore newKeyStore() {
    return FileSystemKeyStore.open(dir.resolve("keys"));
  }
}

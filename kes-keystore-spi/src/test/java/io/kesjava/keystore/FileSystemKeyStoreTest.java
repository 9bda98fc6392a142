package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the fs store does beyond the contract (kes-keystore-tck runs the contract). */
class FileSystemKeyStoreTest {

  @TempDir Path temp;

  private Path dir() {
    return temp.resolve("keys");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private List<String> filesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void open_createsAMissingDirectory_withItsParents() {
    Path dir = temp.resolve("a/b/keys");

    FileSystemKeyStore.open(dir);

    assertThat(dir).isDirectory();
  }

  @Test
  void open_createsTheDirectory_readableButNotWritableByOthers() throws IOException {
    assumeTrue(posix(temp));

    FileSystemKeyStore.open(dir());

    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir());
    assertThat(PosixFilePermissions.fromString("rwxr-xr-x")).containsAll(mode);
    assertThat(mode)
        .contains(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE);
  }

  @Test
  void open_ofAFile_failsSayingItIsNotADirectory() throws IOException {
    Path file = Files.writeString(temp.resolve("file"), "x");

    assertThatThrownBy(() -> FileSystemKeyStore.open(file))
        .isInstanceOf(KeyStoreException.class)
        .hasMessage("fs: '" + file + "' is not a directory");
  }

  @Test
  void description_namesThePath() {
    assertThat(FileSystemKeyStore.open(dir()).description()).isEqualTo("Filesystem: " + dir());
  }

  @Test
  void create_writesExactlyTheValue_toAFileNamedAfterTheKey_andNothingElse() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());

    store.create("my-key", bytes("{\"bytes\":\"AAAA\"}"));

    assertThat(filesIn(dir())).containsExactly("my-key");
    assertThat(dir().resolve("my-key")).hasBinaryContent(bytes("{\"bytes\":\"AAAA\"}"));
  }

  @Test
  void create_makesTheFileReadableByItsOwnerOnly() throws IOException {
    assumeTrue(posix(temp));
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());

    store.create("my-key", bytes("value"));

    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(dir().resolve("my-key"));
    assertThat(PosixFilePermissions.toString(mode)).isEqualTo("rw-------");
  }

  @Test
  void create_ofAnExistingName_leavesTheOldFileAndNoTemporaryFile() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    store.create("my-key", bytes("old"));

    assertThatThrownBy(() -> store.create("my-key", bytes("new")))
        .isInstanceOf(EntryExistsException.class);
    assertThat(filesIn(dir())).containsExactly("my-key");
    assertThat(dir().resolve("my-key")).hasBinaryContent(bytes("old"));
  }

  @Test
  void create_ofAValueAbove1MiB_failsAndWritesNothing() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());

    assertThatThrownBy(() -> store.create("big", new byte[(1 << 20) + 1]))
        .isInstanceOf(KeyStoreException.class)
        .hasMessageContaining("larger than 1 MiB");
    assertThat(filesIn(dir())).isEmpty();
  }

  @Test
  void get_readsAValueOfExactly1MiB() {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    store.create("big", new byte[1 << 20]);

    assertThat(store.get("big")).hasSize(1 << 20);
  }

  @Test
  void get_ofAFileAbove1MiB_fails() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    Files.write(dir().resolve("huge"), new byte[(1 << 20) + 1]);

    assertThatThrownBy(() -> store.get("huge"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(EntryNotFoundException.class)
        .hasMessageContaining("larger than 1 MiB");
  }

  @Test
  void aTemporaryFileLeftByACrash_isNotListed_andDoesNotBlockCreatingTheKey() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    // What a crash between writing and linking leaves: a partial value under a temporary name.
    Path leftover = dir().resolve(".kes-4711.tmp");
    Files.write(leftover, bytes("{\"bytes\":\"half-writ"));

    assertThat(store.list("", "", 0).names()).isEmpty();
    store.create("my-key", bytes("whole value"));

    assertThat(store.get("my-key")).isEqualTo(bytes("whole value"));
    assertThat(store.list("", "", 0).names()).containsExactly("my-key");
    assertThat(leftover).exists();
  }

  @Test
  void list_leavesOutSubdirectoriesHiddenFilesAndInvalidNames() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    store.create("my-key", bytes("v"));
    Files.createDirectory(dir().resolve("subdir"));
    Files.writeString(dir().resolve(".hidden"), "x");
    Files.writeString(dir().resolve("file.txt"), "x");

    assertThat(store.list("", "", 0).names()).containsExactly("my-key");
  }

  @Test
  void delete_removesTheFile() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    store.create("my-key", bytes("v"));

    store.delete("my-key");

    assertThat(filesIn(dir())).isEmpty();
  }

  @Test
  void delete_ofASubdirectory_failsAndKeepsIt() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    Files.createDirectory(dir().resolve("subdir"));

    assertThatThrownBy(() -> store.delete("subdir"))
        .isInstanceOf(KeyStoreException.class)
        .isNotInstanceOf(EntryNotFoundException.class);
    assertThat(dir().resolve("subdir")).isDirectory();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "my.key", "../escape", "a\\b"})
  void invalidNames_failForEveryOperation_withoutTouchingTheDisk(String name) throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());

    assertThatThrownBy(() -> store.create(name, bytes("v")))
        .hasMessage("fs: key name contains invalid character");
    assertThatThrownBy(() -> store.get(name)).hasMessage("fs: key name contains invalid character");
    assertThatThrownBy(() -> store.delete(name))
        .hasMessage("fs: key name contains invalid character");
    assertThat(filesIn(dir())).isEmpty();
    assertThat(filesIn(temp)).containsExactly("keys");
  }

  @Test
  void status_ofADeletedDirectory_isUnreachable() throws IOException {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir());
    Files.delete(dir());

    assertThatThrownBy(store::status).isInstanceOf(KeyStoreUnreachableException.class);
  }

  @Test
  void concurrentCreates_fromTwoStoresOnOneDirectory_haveOneWinner() throws Exception {
    assertOneWinner(FileSystemKeyStore.open(dir()), FileSystemKeyStore.open(dir()));
  }

  @Test
  void concurrentCreates_fromTwoStoresOnOneDirectory_haveOneWinner_whenRenaming()
      throws Exception {
    // The second spelling of the path must still share the first's lock.
    assertOneWinner(
        FileSystemKeyStore.open(dir(), false),
        FileSystemKeyStore.open(temp.resolve("./keys"), false));
  }

  private void assertOneWinner(FileSystemKeyStore first, FileSystemKeyStore second)
      throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 20; round++) {
        String name = "key-" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<byte[]>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
          FileSystemKeyStore store = i % 2 == 0 ? first : second;
          byte[] value = bytes("value-" + i);
          Callable<byte[]> create =
              () -> {
                go.await();
                store.create(name, value);
                return value;
              };
          results.add(pool.submit(create));
        }
        go.countDown();
        List<byte[]> winners = new ArrayList<>();
        for (Future<byte[]> result : results) {
          try {
            winners.add(result.get(30, TimeUnit.SECONDS));
          } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(EntryExistsException.class);
          }
        }
        assertThat(winners).hasSize(1);
        assertThat(first.get(name)).isEqualTo(winners.get(0));
        assertThat(second.get(name)).isEqualTo(winners.get(0));
      }
      assertThat(filesIn(dir())).hasSize(20).allMatch(n -> n.startsWith("key-"));
    } finally {
      pool.shutdownNow();
    }
  }
}

package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fs store's temporary files: owner-only from their creation, named after their writer, and
 * removed when a store opens if their writer is gone or they are stale; nothing else is removed.
 */
class FileSystemTemporaryFilesTest {

  @TempDir Path dir;

  private static final long OWN = ProcessHandle.current().pid();

  /** The pid of a process that has exited. */
  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
    long pid = p.pid();
    assumeTrue(ProcessHandle.of(pid).isEmpty(), "the exited process's pid is in use again");
    return pid;
  }

  private Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void open_removesTheTemporaryFilesOfGoneWriters_andNothingElse() throws Exception {
    long dead = deadPid();
    Process alive = new ProcessBuilder("sleep", "30").start();
    try {
      file("my-key", "complete key");
      file(".kes-" + dead + "-123456789.tmp", "interrupted write");
      file(".kes-" + dead + "-1.tmp", "interrupted write");
      file(".kes-" + alive.pid() + "-42.tmp", "a write of a running server");
      file(".kes-" + OWN + "-43.tmp", "a write of this process");
      file(".kes-987654.tmp", "an earlier version's, recent");
      Path oldLegacy = file(".kes-123.tmp", "an earlier version's, old");
      Files.setLastModifiedTime(oldLegacy, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      Path oldLive = file(".kes-" + alive.pid() + "-7.tmp", "stale whatever its writer");
      Files.setLastModifiedTime(oldLive, FileTime.from(Instant.now().minus(Duration.ofHours(2))));
      // Not this store's temporary names, or not files: left alone.
      file(".kes-" + dead + "-1.tmp.bak", "x");
      file(".kes-" + dead + "-x.tmp", "x");
      file("kes-" + dead + "-1.tmp", "x");
      file(".kes-" + dead + "-1-2.tmp", "x");
      Files.createDirectory(dir.resolve(".kes-" + dead + "-9.tmp"));
      Files.createSymbolicLink(dir.resolve(".kes-" + dead + "-8.tmp"), dir.resolve("my-key"));

      FileSystemKeyStore store = FileSystemKeyStore.open(dir);

      assertThat(names()).containsExactlyInAnyOrder(
          ".kes-" + dead + "-1-2.tmp",
          ".kes-" + dead + "-1.tmp.bak",
          ".kes-" + dead + "-8.tmp",
          ".kes-" + dead + "-9.tmp",
          ".kes-" + dead + "-x.tmp",
          ".kes-" + OWN + "-43.tmp",
          ".kes-" + alive.pid() + "-42.tmp",
          ".kes-987654.tmp",
          "kes-" + dead + "-1.tmp",
          "my-key");
      assertThat(store.get("my-key")).isEqualTo("complete key".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(dir.resolve("my-key"))).isEqualTo("complete key");
    } finally {
      alive.destroy();
    }
  }

  @Test
  void temporaryFiles_areOwnerOnly_fromTheirCreation_andNamedAfterTheirWriter() throws Exception {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir);
    Path temp = store.writeTemporaryFile(new byte[] {1, 2, 3});
    assertThat(temp.getFileName().toString()).matches("\\.kes-" + OWN + "-[0-9]+\\.tmp");
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp)))
          .isEqualTo("rw-------");
    }
    // This process is alive: a second store on the directory leaves its file alone.
    FileSystemKeyStore.open(dir);
    assertThat(temp).exists();
    Files.delete(temp);
  }

  @Test
  void createAndList_leaveNoTemporaryFile() throws Exception {
    FileSystemKeyStore store = FileSystemKeyStore.open(dir);
    store.create("a", new byte[] {1});
    FileSystemKeyStore.open(dir, false).create("b", new byte[] {2});
    assertThat(names()).containsExactly("a", "b");
    assertThat(store.list("", "", 10).names()).containsExactly("a", "b");
  }
}

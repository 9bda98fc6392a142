package io.kesjava.keystore;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A key store in a local directory, one file per key (docs/keystores/fs.md): the file
 * {@code <dir>/<name>} holds exactly the stored value, with mode 0600 where the file system is
 * POSIX. It reads directories that KES wrote, and KES reads the files it writes.
 *
 * <p>Key names must be non-empty and free of {@code /}, {@code \} and {@code .}; other names fail
 * with {@code fs: key name contains invalid character} before touching the disk.
 *
 * <p>Creating a key is atomic and never replaces an entry: the value is written and synced to a
 * temporary file in the same directory, whose name starts with {@code .} and so can never be a key
 * name, and then hard-linked under the key's name, which fails if the name exists; then the
 * directory is synced. A crash leaves at most a stray temporary file, never a partial key.
 * Temporary files are created readable and writable by the owner only (mode 0600, set as the file
 * is created, not changed afterwards), are named {@code .kes-<pid>-<random>.tmp} after the process
 * that writes them, and are never listed. When a store opens, it removes the temporary files of
 * writes that were interrupted: those whose process is no longer running, and any older than an
 * hour (a write takes milliseconds). It removes nothing else: a name that does not have exactly
 * that shape, a directory or a link is left alone, and no key name can have it.
 * Where the file system has no hard links, the file is renamed into place after an existence check
 * held under a lock shared by all stores of this JVM on that directory; that fallback does not
 * guard against other processes creating the same name at the same moment.
 *
 * <p>Values are at most 1 MiB. Listing shows regular files with valid key names only.
 *
 * <p>Thread-safety: safe for concurrent use, also with other instances on the same directory.
 *
 * <p>Security: values are written to disk as they are; exception messages name keys and paths only.
 */
public final class FileSystemKeyStore implements KeyStore {

  /** The largest value that is stored or read, as in KES. */
  static final int MAX_VALUE_SIZE = 1 << 20;

  static final String INVALID_NAME = "fs: key name contains invalid character";

  static final String TEMP_PREFIX = ".kes-";
  static final String TEMP_SUFFIX = ".tmp";

  /**
   * The names of this store's temporary files: {@code .kes-<pid>-<digits>.tmp}; and {@code
   * .kes-<digits>.tmp}, which earlier versions wrote, without the process id.
   */
  private static final Pattern TEMP_NAME =
      Pattern.compile("\\.kes-(?:([0-9]{1,19})-)?[0-9]{1,20}\\.tmp");

  /** A temporary file older than this is left over, whatever process wrote it. */
  static final Duration STALE_TEMPORARY = Duration.ofHours(1);

  private static final long PID = ProcessHandle.current().pid();

  private static final FileAttribute<?> OWNER_READ_WRITE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<?> DIRECTORY_MODE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x"));

  private static final System.Logger LOG = System.getLogger(FileSystemKeyStore.class.getName());

  /** One lock per real directory path, for the rename fallback; shared by all instances. */
  private static final ConcurrentMap<Path, Object> RENAME_LOCKS = new ConcurrentHashMap<>();

  private final Path dir;
  private final boolean posix;
  private final boolean hardLinks;
  private final Object renameLock;
  private volatile boolean warnedAboutLinks;

  private FileSystemKeyStore(Path dir, boolean posix, boolean hardLinks, Path realDir) {
    this.dir = dir;
    this.posix = posix;
    this.hardLinks = hardLinks;
    this.renameLock = RENAME_LOCKS.computeIfAbsent(realDir, unused -> new Object());
  }

  /**
   * Opens the store in {@code dir}, creating the directory and its parents (mode 0755 where POSIX)
   * if it does not exist.
   *
   * @param dir the directory; not {@code null}; relative paths are resolved against the working
   *     directory
   * @throws KeyStoreException if {@code dir} exists and is not a directory ({@code fs: '<dir>' is
   *     not a directory}), or cannot be created
   */
  public static FileSystemKeyStore open(Path dir) {
    return open(dir, true);
  }

  /** As {@link #open(Path)}; {@code hardLinks == false} forces the rename fallback, for tests. */
  static FileSystemKeyStore open(Path dir, boolean hardLinks) {
    Objects.requireNonNull(dir, "dir");
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    try {
      if (!Files.exists(dir)) {
        if (posix) {
          Files.createDirectories(dir, DIRECTORY_MODE);
        } else {
          Files.createDirectories(dir);
        }
      }
    } catch (FileAlreadyExistsException e) {
      throw notADirectory(dir);
    } catch (IOException e) {
      throw new KeyStoreException("fs: cannot create the directory '" + dir + "'", e);
    }
    if (!Files.isDirectory(dir)) {
      throw notADirectory(dir);
    }
    FileSystemKeyStore store;
    try {
      store = new FileSystemKeyStore(dir, posix, hardLinks, dir.toRealPath());
    } catch (IOException e) {
      throw new KeyStoreException("fs: cannot open the directory '" + dir + "'", e);
    }
    store.removeInterruptedWrites();
    return store;
  }

  /**
   * Removes the temporary files of writes that were interrupted (a crash, {@code kill -9}): files
   * named as this store names them whose writing process is gone, or that are older than {@link
   * #STALE_TEMPORARY}. Best effort: a file that cannot be removed is logged and left.
   *
   * @return how many were removed
   */
  int removeInterruptedWrites() {
    int removed = 0;
    long staleBefore = System.currentTimeMillis() - STALE_TEMPORARY.toMillis();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, TEMP_PREFIX + "*")) {
      for (Path entry : entries) {
        Matcher m = TEMP_NAME.matcher(entry.getFileName().toString());
        if (!m.matches()) {
          continue;
        }
        BasicFileAttributes a = Files.readAttributes(entry, BasicFileAttributes.class,
            LinkOption.NOFOLLOW_LINKS);
        if (!a.isRegularFile()) {
          continue;
        }
        boolean stale = a.lastModifiedTime().toMillis() < staleBefore;
        if (stale || writerGone(m.group(1))) {
          if (Files.deleteIfExists(entry)) {
            removed++;
          }
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      LOG.log(Level.WARNING, "fs: cannot remove the temporary files of interrupted writes in"
          + " ''{0}'': {1}", dir, e.toString());
    }
    if (removed > 0) {
      LOG.log(Level.INFO, "fs: removed {0} temporary file(s) of interrupted writes in ''{1}''",
          removed, dir);
      syncDirectory();
    }
    return removed;
  }

  /** Whether the process {@code pid} (a temporary file's writer) is no longer running. */
  private static boolean writerGone(String pid) {
    if (pid == null) {
      return false; // an earlier version's name: only its age tells
    }
    long p;
    try {
      p = Long.parseLong(pid);
    } catch (NumberFormatException e) {
      return false;
    }
    return p != PID && ProcessHandle.of(p).map(h -> !h.isAlive()).orElse(true);
  }

  /** The directory, as given to {@link #open(Path)}. */
  public Path directory() {
    return dir;
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryExistsException if the file {@code <dir>/<name>} exists
   * @throws KeyStoreException if the name is invalid, the value is larger than 1 MiB, or the file
   *     cannot be written; nothing is stored then
   */
  @Override
  public void create(String name, byte[] value) {
    Path target = resolve(name);
    Objects.requireNonNull(value, "value");
    if (value.length > MAX_VALUE_SIZE) {
      throw new KeyStoreException("fs: the value of key '" + name + "' is larger than 1 MiB");
    }
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      throw exists(name);
    }
    try {
      Path temp = writeTemporaryFile(value);
      try {
        publish(temp, target, name);
      } finally {
        // After a link the value has two names; after a rename this finds nothing.
        deleteQuietly(temp);
      }
    } catch (IOException e) {
      throw new KeyStoreException("fs: cannot create key '" + name + "'", e);
    }
    syncDirectory();
  }

  Path writeTemporaryFile(byte[] value) throws IOException {
    Path temp =
        posix
            ? Files.createTempFile(dir, TEMP_PREFIX + PID + "-", TEMP_SUFFIX, OWNER_READ_WRITE)
            : Files.createTempFile(dir, TEMP_PREFIX + PID + "-", TEMP_SUFFIX);
    try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(value);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
    return temp;
  }

  /** Gives the complete temporary file its final name, unless that name exists. */
  private void publish(Path temp, Path target, String name) throws IOException {
    if (hardLinks) {
      try {
        // link(2) fails if the target exists, atomically, across threads, instances and processes.
        Files.createLink(target, temp);
        return;
      } catch (FileAlreadyExistsException e) {
        throw exists(name);
      } catch (NoSuchFileException | AccessDeniedException e) {
        throw e;
      } catch (UnsupportedOperationException | FileSystemException e) {
        if (!warnedAboutLinks) {
          warnedAboutLinks = true;
          LOG.log(
              Level.WARNING,
              "fs: hard links fail in ''{0}'' ({1}); creating keys by rename, which is atomic only"
                  + " within this JVM",
              dir,
              e.toString());
        }
      }
    }
    synchronized (renameLock) {
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        throw exists(name);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if the file {@code <dir>/<name>} does not exist
   * @throws KeyStoreException if the name is invalid, the file is larger than 1 MiB or unreadable
   */
  @Override
  public byte[] get(String name) {
    Path file = resolve(name);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] value = in.readNBytes(MAX_VALUE_SIZE + 1);
      if (value.length > MAX_VALUE_SIZE) {
        throw new KeyStoreException("fs: key '" + name + "' is larger than 1 MiB");
      }
      return value;
    } catch (NoSuchFileException e) {
      throw notFound(name);
    } catch (IOException e) {
      throw new KeyStoreException("fs: cannot read key '" + name + "'", e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if the file {@code <dir>/<name>} does not exist
   * @throws KeyStoreException if the name is invalid, names a directory, or cannot be removed
   */
  @Override
  public void delete(String name) {
    Path file = resolve(name);
    if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new KeyStoreException("fs: '" + name + "' is a directory, not a key");
    }
    try {
      Files.delete(file);
    } catch (NoSuchFileException e) {
      throw notFound(name);
    } catch (IOException e) {
      throw new KeyStoreException("fs: cannot delete key '" + name + "'", e);
    }
    syncDirectory();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Lists the regular files whose names are valid key names; temporary files, hidden files and
   * subdirectories are left out.
   */
  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    Objects.requireNonNull(prefix, "prefix");
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(prefix) && isValidName(name) && Files.isRegularFile(entry)) {
          names.add(name);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      throw new KeyStoreException("fs: cannot list the keys in '" + dir + "'", e);
    }
    return KeyListing.page(names, prefix, continueAt, limit);
  }

  /**
   * Reads the directory's attributes and returns how long that took.
   *
   * @throws KeyStoreUnreachableException if the directory is gone, unreadable or not a directory
   */
  @Override
  public Duration status() {
    long start = System.nanoTime();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(dir, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new KeyStoreUnreachableException("fs: cannot stat '" + dir + "'", e);
    }
    if (!attributes.isDirectory()) {
      throw new KeyStoreUnreachableException("fs: '" + dir + "' is not a directory");
    }
    return Duration.ofNanos(System.nanoTime() - start);
  }

  /** {@code Filesystem: <dir>}. */
  @Override
  public String description() {
    return "Filesystem: " + dir;
  }

  /** Does nothing: the store holds no open files between calls. */
  @Override
  public void close() {}

  /** The description; never a value. */
  @Override
  public String toString() {
    return description();
  }

  /** Whether KES's fs store accepts {@code name}: non-empty, without {@code / \ .}. */
  static boolean isValidName(String name) {
    return !name.isEmpty()
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf('.') < 0;
  }

  private Path resolve(String name) {
    Objects.requireNonNull(name, "name");
    if (!isValidName(name)) {
      throw new KeyStoreException(INVALID_NAME);
    }
    try {
      return dir.resolve(name);
    } catch (InvalidPathException e) { // such as a NUL character, or ':' on Windows
      throw new KeyStoreException(INVALID_NAME, e);
    }
  }

  /** Makes a new or removed name durable. Best effort: not every platform can sync a directory. */
  private void syncDirectory() {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "fs: cannot sync the directory ''{0}'': {1}", dir, e.toString());
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "fs: cannot delete the temporary file ''{0}'': {1}", file, e.toString());
    }
  }

  private static KeyStoreException notADirectory(Path dir) {
    return new KeyStoreException("fs: '" + dir + "' is not a directory");
  }

  private static EntryExistsException exists(String name) {
    return new EntryExistsException("fs: key '" + name + "' already exists");
  }

  private static EntryNotFoundException notFound(String name) {
    return new EntryNotFoundException("fs: key '" + name + "' does not exist");
  }
}

package io.kesjava.bench.scaleout;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import io.kesjava.keystore.KeyStoreRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark only: a key store that counts the calls a server makes to another one, so that the
 * scale-out runs can report key-store requests per second of each {@code kes server} process.
 * Found by {@link java.util.ServiceLoader} under the name {@code bench-counted} when kes-bench's
 * classes are on the server's class path ({@code KES_CLASSPATH}):
 *
 * <pre>
 * keystore:
 *   bench-counted:
 *     counts: /tmp/run/counts-1      # rewritten every 100 ms: "get create delete list status"
 *     fs:                            # the store that is counted: any one backend section
 *       path: /tmp/run/keys
 * </pre>
 */
public final class CountingKeyStoreProvider implements KeyStoreProvider {

  @Override
  public String name() {
    return "bench-counted";
  }

  @Override
  public KeyStore create(KeyStoreConfig config) {
    Path counts = Path.of(config.requireString("counts"));
    List<String> inner = config.keys().stream().filter(k -> !k.equals("counts")).toList();
    if (inner.size() != 1) {
      throw new InvalidConfigException(config.path(), "needs exactly one backend section besides"
          + " 'counts', not " + inner);
    }
    String backend = inner.get(0);
    KeyStoreConfig section = config.child(backend).orElseThrow(() ->
        new InvalidConfigException(config.path() + "." + backend, "must be a section"));
    return new Counting(KeyStoreRegistry.load().create(backend, section), counts);
  }

  /** The counting wrapper. Thread-safe. */
  static final class Counting implements KeyStore {
    private final KeyStore store;
    private final Path file;
    final AtomicLong gets = new AtomicLong();
    final AtomicLong creates = new AtomicLong();
    final AtomicLong deletes = new AtomicLong();
    final AtomicLong lists = new AtomicLong();
    final AtomicLong statuses = new AtomicLong();
    private final Thread writer;

    Counting(KeyStore store, Path file) {
      this.store = store;
      this.file = file;
      this.writer = new Thread(this::writeEvery100ms, "bench-counts");
      writer.setDaemon(true);
      writer.start();
    }

    @Override
    public void create(String name, byte[] value) {
      creates.incrementAndGet();
      store.create(name, value);
    }

    @Override
    public byte[] get(String name) {
      gets.incrementAndGet();
      return store.get(name);
    }

    @Override
    public void delete(String name) {
      deletes.incrementAndGet();
      store.delete(name);
    }

    @Override
    public KeyListing list(String prefix, String continueAt, int limit) {
      lists.incrementAndGet();
      return store.list(prefix, continueAt, limit);
    }

    @Override
    public Duration status() {
      statuses.incrementAndGet();
      return store.status();
    }

    @Override
    public String description() {
      return "counted " + store.description();
    }

    @Override
    public void close() {
      writer.interrupt();
      write();
      store.close();
    }

    String line() {
      return gets.get() + " " + creates.get() + " " + deletes.get() + " " + lists.get() + " "
          + statuses.get() + "\n";
    }

    private void writeEvery100ms() {
      while (!Thread.currentThread().isInterrupted()) {
        write();
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void write() {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try {
        Files.writeString(tmp, line(), StandardCharsets.US_ASCII);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        // the next round tries again
      }
    }
  }
}

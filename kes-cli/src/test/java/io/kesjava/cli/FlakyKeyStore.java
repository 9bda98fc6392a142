package io.kesjava.cli;

import io.kesjava.keystore.FileSystemKeyStore;
import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real key store that fails on chosen calls: the Nth {@code create}, {@code get} or {@code
 * delete} (counted from 1 on this instance) throws {@link KeyStoreException} and changes nothing,
 * as the SPI requires of a failure. Also records the listing calls.
 *
 * <p>As the provider {@code flaky} (for config files): an fs store in {@code path} with the
 * settings {@code fail_create}, {@code fail_get}, {@code fail_delete} (comma-separated call
 * numbers) and {@code create_delay_ms}.
 */
final class FlakyKeyStore implements KeyStore {

  private final KeyStore delegate;
  private final Set<Integer> failCreate;
  private final Set<Integer> failGet;
  private final Set<Integer> failDelete;
  private volatile long createDelayMillis;
  private final AtomicInteger creates = new AtomicInteger();
  private final AtomicInteger gets = new AtomicInteger();
  private final AtomicInteger deletes = new AtomicInteger();
  /** The listing calls, as {@code prefix|continueAt}. */
  final List<String> listCalls = new CopyOnWriteArrayList<>();

  FlakyKeyStore(KeyStore delegate, Set<Integer> failCreate, Set<Integer> failGet,
      Set<Integer> failDelete) {
    this.delegate = delegate;
    this.failCreate = Set.copyOf(failCreate);
    this.failGet = Set.copyOf(failGet);
    this.failDelete = Set.copyOf(failDelete);
  }

  /** A store that fails on the given create calls only. */
  static FlakyKeyStore failingCreates(KeyStore delegate, Integer... calls) {
    return new FlakyKeyStore(delegate, Set.of(calls), Set.of(), Set.of());
  }

  int creates() {
    return creates.get();
  }

  /** Makes every create take this long (a slow backend), for the progress lines. */
  FlakyKeyStore createDelay(long millis) {
    this.createDelayMillis = millis;
    return this;
  }

  @Override
  public void create(String name, byte[] value) {
    int n = creates.incrementAndGet();
    if (createDelayMillis > 0) {
      try {
        Thread.sleep(createDelayMillis); // a slow backend, on purpose
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KeyStoreException("flaky: interrupted");
      }
    }
    if (failCreate.contains(n)) {
      throw new KeyStoreException("flaky: create number " + n + " (key '" + name + "') failed");
    }
    delegate.create(name, value);
  }

  @Override
  public byte[] get(String name) {
    int n = gets.incrementAndGet();
    if (failGet.contains(n)) {
      throw new KeyStoreException("flaky: get number " + n + " (key '" + name + "') failed");
    }
    return delegate.get(name);
  }

  @Override
  public void delete(String name) {
    int n = deletes.incrementAndGet();
    if (failDelete.contains(n)) {
      throw new KeyStoreException("flaky: delete number " + n + " (key '" + name + "') failed");
    }
    delegate.delete(name);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    listCalls.add(prefix + "|" + continueAt);
    return delegate.list(prefix, continueAt, limit);
  }

  @Override
  public Duration status() {
    return delegate.status();
  }

  @Override
  public String description() {
    return "Flaky: " + delegate.description();
  }

  @Override
  public void close() {
    delegate.close();
  }

  /** The provider {@code flaky}, found through ServiceLoader (test resources). */
  public static final class Provider implements KeyStoreProvider {

    /** For ServiceLoader. */
    public Provider() {}

    @Override
    public String name() {
      return "flaky";
    }

    @Override
    public KeyStore create(KeyStoreConfig config) {
      return new FlakyKeyStore(FileSystemKeyStore.open(Path.of(config.requireString("path"))),
          calls(config, "fail_create"), calls(config, "fail_get"), calls(config, "fail_delete"))
          .createDelay(config.integer("create_delay_ms", 0));
    }

    private static Set<Integer> calls(KeyStoreConfig config, String key) {
      Set<Integer> out = new java.util.HashSet<>();
      for (String part : config.string(key).orElse("").split(",")) {
        if (!part.isBlank()) {
          out.add(Integer.parseInt(part.strip()));
        }
      }
      return out;
    }
  }
}

package io.kesjava.core;

import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreUnreachableException;
import io.kesjava.keystore.MemoryKeyStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real in-memory key store that a test can take offline, and that counts reads: what the cache
 * tests need to see whether a read reached the store. Reads of keys and of version entries of
 * rotated keys (names ending with {@code -}, docs/rotation.md) are counted apart.
 */
final class FlakyKeyStore implements KeyStore {

  final MemoryKeyStore delegate = new MemoryKeyStore();
  /** Reads of keys' own entries. */
  final AtomicInteger reads = new AtomicInteger();
  /** Reads of version entries, found or not. */
  final AtomicInteger versionReads = new AtomicInteger();
  volatile boolean offline;
  /** When set, every read waits for it to open (up to 10 seconds). */
  volatile CountDownLatch gate;

  @Override
  public void create(String name, byte[] value) {
    check();
    delegate.create(name, value);
  }

  @Override
  public byte[] get(String name) {
    check();
    (name.endsWith("-") ? versionReads : reads).incrementAndGet();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return delegate.get(name);
  }

  @Override
  public void delete(String name) {
    check();
    delegate.delete(name);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    check();
    return delegate.list(prefix, continueAt, limit);
  }

  @Override
  public Duration status() {
    check();
    return delegate.status();
  }

  @Override
  public String description() {
    return "Flaky " + delegate.description();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private void check() {
    if (offline) {
      throw new KeyStoreUnreachableException("test: the key store is offline");
    }
  }
}

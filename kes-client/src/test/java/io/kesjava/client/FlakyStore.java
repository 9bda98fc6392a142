package io.kesjava.client;

import io.kesjava.keystore.KeyListing;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreStatusException;
import io.kesjava.keystore.MemoryKeyStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory key store whose reads and writes fail with a status for a number of calls, as a busy
 * backend does: the engine answers with that status ({@code docs/http-api.md#keys}).
 */
final class FlakyStore implements KeyStore {

  private final MemoryKeyStore store = new MemoryKeyStore();
  private final AtomicInteger failures = new AtomicInteger();
  private volatile int status = 503;
  final AtomicInteger calls = new AtomicInteger();

  /** The next {@code n} creates, reads and deletes fail with {@code status}. */
  void failNext(int n, int status) {
    this.status = status;
    failures.set(n);
  }

  private void maybeFail() {
    calls.incrementAndGet();
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new KeyStoreStatusException(status, "key store is busy");
    }
  }

  @Override
  public void create(String name, byte[] value) {
    maybeFail();
    store.create(name, value);
  }

  @Override
  public byte[] get(String name) {
    maybeFail();
    return store.get(name);
  }

  @Override
  public void delete(String name) {
    maybeFail();
    store.delete(name);
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    maybeFail();
    return store.list(prefix, continueAt, limit);
  }

  @Override
  public Duration status() {
    return store.status();
  }

  @Override
  public String description() {
    return "flaky";
  }

  @Override
  public void close() {
    store.close();
  }
}

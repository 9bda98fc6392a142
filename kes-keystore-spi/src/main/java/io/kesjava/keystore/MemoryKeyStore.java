package io.kesjava.keystore;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A key store in process memory ({@code docs/keystores/mem.md}): the store of {@code kes server
 * --dev} and of tests and embedded engines. Every key is lost when the store is dropped.
 *
 * <p>It copies values in and out, so callers may reuse their arrays. Listing uses a real cursor
 * ({@link KeyListing#page}), not KES's in-memory variant of it.
 *
 * <p>Thread-safety: safe for concurrent use; {@link #create} is an atomic create-if-absent.
 *
 * <p>Security: values are plain bytes on the Java heap; nothing zeroes them.
 */
public final class MemoryKeyStore implements KeyStore {

  private static final Duration LATENCY = Duration.ofMillis(1);

  private final ConcurrentMap<String, byte[]> entries = new ConcurrentHashMap<>();

  /** An empty store. */
  public MemoryKeyStore() {}

  /**
   * {@inheritDoc}
   *
   * @throws EntryExistsException if {@code name} exists already
   */
  @Override
  public void create(String name, byte[] value) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
    if (entries.putIfAbsent(name, value.clone()) != null) {
      throw new EntryExistsException("mem: key '" + name + "' already exists");
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if there is no entry {@code name}
   */
  @Override
  public byte[] get(String name) {
    byte[] value = entries.get(Objects.requireNonNull(name, "name"));
    if (value == null) {
      throw new EntryNotFoundException("mem: key '" + name + "' does not exist");
    }
    return value.clone();
  }

  /**
   * {@inheritDoc}
   *
   * @throws EntryNotFoundException if there is no entry {@code name}
   */
  @Override
  public void delete(String name) {
    if (entries.remove(Objects.requireNonNull(name, "name")) == null) {
      throw new EntryNotFoundException("mem: key '" + name + "' does not exist");
    }
  }

  @Override
  public KeyListing list(String prefix, String continueAt, int limit) {
    return KeyListing.page(entries.keySet(), prefix, continueAt, limit);
  }

  /** Always succeeds and reports 1 ms, as KES does. */
  @Override
  public Duration status() {
    return LATENCY;
  }

  /** {@code In Memory}. */
  @Override
  public String description() {
    return "In Memory";
  }

  /** Does nothing: the store keeps working, and its entries stay until it is dropped. */
  @Override
  public void close() {}

  /** The description; never a name or a value. */
  @Override
  public String toString() {
    return description();
  }
}

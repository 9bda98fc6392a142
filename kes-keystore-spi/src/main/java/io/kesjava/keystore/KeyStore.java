package io.kesjava.keystore;

import java.time.Duration;

/**
 * A flat map from key names to stored values: the central place where KES keeps its master keys
 * ({@code docs/keystores/README.md#the-contract-every-store-keeps}).
 *
 * <p>The value is opaque to the store: it is the text encoding of a key version (base64 protobuf,
 * or legacy JSON), which a backend may wrap once more as {@code
 * docs/keystores/README.md#what-is-stored} describes.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use by many threads.
 *
 * <p>Nullness: no argument or result is {@code null}.
 *
 * <p>Security: values are key material. An implementation never writes a value, a credential or a
 * token into a log, an exception message or {@code toString()}.
 */
public interface KeyStore extends AutoCloseable {

  /**
   * Stores {@code value} under {@code name} if, and only if, no entry with that name exists.
   *
   * @throws EntryExistsException if an entry with that name exists already
   * @throws KeyStoreUnreachableException if the backend cannot be reached
   * @throws KeyStoreException on any other failure; nothing is stored then
   */
  void create(String name, byte[] value);

  /**
   * Returns a copy of the value stored under {@code name}.
   *
   * @throws EntryNotFoundException if there is no such entry
   * @throws KeyStoreUnreachableException if the backend cannot be reached
   * @throws KeyStoreException on any other failure
   */
  byte[] get(String name);

  /**
   * Removes the entry {@code name}.
   *
   * @throws EntryNotFoundException if there is no such entry (a backend that cannot tell may
   *     succeed)
   * @throws KeyStoreUnreachableException if the backend cannot be reached
   * @throws KeyStoreException on any other failure
   */
  void delete(String name);

  /**
   * Lists names that start with {@code prefix}, in ascending byte order.
   *
   * <p>{@code continueAt} is a cursor: when non-empty only names {@code >= continueAt} are
   * returned. At most {@code limit} names are returned when {@code limit > 0}; otherwise all
   * matching names. The result's {@link KeyListing#continueAt()} is the first name not returned,
   * or empty at the end.
   *
   * @param prefix the prefix names must start with; empty for all
   * @param continueAt where to resume; empty to start at the beginning
   * @param limit the page size, or {@code <= 0} for all
   * @throws KeyStoreUnreachableException if the backend cannot be reached
   * @throws KeyStoreException on any other failure
   */
  KeyListing list(String prefix, String continueAt, int limit);

  /**
   * Probes the backend and returns the time the probe took.
   *
   * @throws KeyStoreUnreachableException if the backend cannot be reached, is sealed or not ready
   * @throws KeyStoreException on any other failure
   */
  Duration status();

  /** A short human description for the server banner, such as {@code Filesystem: /var/kes}. */
  String description();

  /** Stops background work (token renewal, health polling) and releases connections. */
  @Override
  void close();
}

package io.kesjava.keystore.common;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreException;
import java.util.function.Consumer;

/**
 * The last step of building a store, shared by the backends: connecting it, or probing it as KES
 * does at start, and closing it again when that fails, so that a failed build leaves no thread or
 * connection behind.
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: stateless.
 */
public final class Stores {

  private Stores() {}

  /**
   * Runs {@code connect} on a new store; closes the store if it fails.
   *
   * @return {@code store}, connected
   * @throws RuntimeException whatever {@code connect} throws
   */
  public static <S extends KeyStore> S connected(S store, Consumer<? super S> connect) {
    try {
      connect.accept(store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  /**
   * Checks that a new store answers its status probe, as KES does at start; closes the store if it
   * does not.
   *
   * @return {@code store}
   * @throws KeyStoreException if the probe fails
   */
  public static <S extends KeyStore> S probed(S store) {
    return connected(store, KeyStore::status);
  }
}

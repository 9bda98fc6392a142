package io.kesjava.keystore;

import java.util.Objects;

/**
 * The provider named {@code mem}: a fresh {@link MemoryKeyStore}, which ignores its config.
 *
 * <p>An extension: KES config files have no in-memory section; kes-java uses it for
 * {@code kes server --dev}, for a server without a {@code keystore} section, and for embedding.
 *
 * <p>Thread-safety: stateless.
 */
public final class MemoryKeyStoreProvider implements KeyStoreProvider {

  /** For {@link java.util.ServiceLoader}. */
  public MemoryKeyStoreProvider() {}

  /** {@code mem}. */
  @Override
  public String name() {
    return "mem";
  }

  /** A new, empty {@link MemoryKeyStore}; every call returns a separate store. */
  @Override
  public KeyStore create(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    return new MemoryKeyStore();
  }
}

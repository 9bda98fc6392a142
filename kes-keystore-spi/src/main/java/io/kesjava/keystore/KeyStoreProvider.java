package io.kesjava.keystore;

/**
 * Makes a {@link KeyStore} from its section of the KES config file. Found through
 * {@link java.util.ServiceLoader} by {@link #name()}; see {@link KeyStoreRegistry}.
 *
 * <p>A provider is a thin adapter over the backend's own public builder, so that an application can
 * build the store directly and skip {@code ServiceLoader}.
 *
 * <p>Thread-safety: implementations are stateless and safe for concurrent use.
 */
public interface KeyStoreProvider {

  /**
   * The exact name of the backend: the key under {@code keystore:} in the config file, such as
   * {@code fs}, {@code vault} or {@code aws} (whose section then holds {@code secretsmanager}).
   */
  String name();

  /**
   * Builds and connects the store.
   *
   * @param config the section {@code keystore.<name>} of the config file
   * @throws InvalidConfigException if a setting is missing or invalid; the message names the key
   * @throws KeyStoreException if the backend cannot be set up (for example a failed login)
   */
  KeyStore create(KeyStoreConfig config);
}

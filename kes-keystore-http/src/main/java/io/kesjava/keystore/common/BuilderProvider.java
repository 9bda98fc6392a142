package io.kesjava.keystore.common;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreConfig;
import io.kesjava.keystore.KeyStoreProvider;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * A {@link KeyStoreProvider} that is a thin adapter over its backend's public builder: {@link
 * #create} builds the builder that {@link #configure} makes from the config section. A backend's
 * provider names itself, says how its builder is built, and reads its section.
 *
 * <p>Thread-safety: stateless, as its subclasses must be.
 *
 * @param <B> the backend's builder
 */
public abstract class BuilderProvider<B> implements KeyStoreProvider {

  private final String name;
  private final BiFunction<? super B, KeyStoreConfig, ? extends KeyStore> build;

  /**
   * @param name the backend's name under {@code keystore:}
   * @param build builds (and, for most backends, connects) a configured builder; it gets the
   *     section too, for messages that name a setting
   */
  protected BuilderProvider(
      String name, BiFunction<? super B, KeyStoreConfig, ? extends KeyStore> build) {
    this.name = Objects.requireNonNull(name, "name");
    this.build = Objects.requireNonNull(build, "build");
  }

  @Override
  public final String name() {
    return name;
  }

  /**
   * Builds the store that {@link #configure} describes.
   *
   * @throws io.kesjava.keystore.InvalidConfigException if a setting is missing or invalid
   * @throws io.kesjava.keystore.KeyStoreException if the backend cannot be set up, such as a failed
   *     login
   */
  @Override
  public final KeyStore create(KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    return build.apply(configure(config), config);
  }

  /**
   * The builder {@code config} describes, validated but not built: nothing goes over the network.
   *
   * @param config the section {@code keystore.<name>}
   * @throws io.kesjava.keystore.InvalidConfigException if a setting is missing or invalid; the
   *     message names the key
   */
  protected abstract B configure(KeyStoreConfig config);
}

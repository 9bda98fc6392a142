package io.kesjava.keystore;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/**
 * The key-store providers on the class path, by exact name.
 *
 * <p>Providers are found with {@link ServiceLoader} and chosen by {@link KeyStoreProvider#name()}
 * only: there is no probing of "the first provider that accepts this config", so a class planted on
 * the class path cannot claim a config section that is not its own. Two providers with one name are
 * an error at load.
 *
 * <p>Thread-safety: immutable after load; safe for concurrent use.
 */
public final class KeyStoreRegistry {

  private static final System.Logger LOG = System.getLogger(KeyStoreRegistry.class.getName());

  /** The backends kes-java ships, and the artifact that brings each one. */
  private static final Map<String, String> ARTIFACTS =
      Map.of(
          "vault", "io.kesjava:kes-keystore-vault",
          "aws", "io.kesjava:kes-keystore-aws",
          "gcp", "io.kesjava:kes-keystore-gcp",
          "azure", "io.kesjava:kes-keystore-azure",
          "fortanix", "io.kesjava:kes-keystore-fortanix",
          "gemalto", "io.kesjava:kes-keystore-gemalto",
          "entrust", "io.kesjava:kes-keystore-entrust",
          "postgres", "io.kesjava:kes-keystore-postgres");

  private final Map<String, KeyStoreProvider> providers;

  private KeyStoreRegistry(Map<String, KeyStoreProvider> providers) {
    this.providers = providers;
  }

  /**
   * Loads the providers visible to the thread's context class loader (or the system class loader
   * when there is none), as {@link ServiceLoader#load(Class)} does.
   *
   * @throws IllegalStateException if two providers have one name, a provider has no name, or a
   *     provider cannot be instantiated
   */
  public static KeyStoreRegistry load() {
    return from(ServiceLoader.load(KeyStoreProvider.class));
  }

  /**
   * Loads the providers visible to {@code classLoader}.
   *
   * @param classLoader where to look for {@code META-INF/services} files; not {@code null}
   * @throws IllegalStateException if two providers have one name, a provider has no name, or a
   *     provider cannot be instantiated
   */
  public static KeyStoreRegistry load(ClassLoader classLoader) {
    Objects.requireNonNull(classLoader, "classLoader");
    return from(ServiceLoader.load(KeyStoreProvider.class, classLoader));
  }

  /**
   * A registry of exactly the given providers, without {@link ServiceLoader}: for applications that
   * want to decide themselves which backends exist.
   *
   * @param providers the providers; not {@code null}, no {@code null} element
   * @throws IllegalStateException if two providers have one name or a provider has no name
   */
  public static KeyStoreRegistry of(Iterable<? extends KeyStoreProvider> providers) {
    Objects.requireNonNull(providers, "providers");
    Map<String, KeyStoreProvider> byName = new TreeMap<>();
    for (KeyStoreProvider provider : providers) {
      Objects.requireNonNull(provider, "provider");
      String name = provider.name();
      if (name == null || name.isEmpty()) {
        throw new IllegalStateException(
            "key-store provider " + provider.getClass().getName() + " has no name");
      }
      KeyStoreProvider previous = byName.putIfAbsent(name, provider);
      if (previous != null) {
        throw new IllegalStateException(
            "two key-store providers are named '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + provider.getClass().getName()
                + "; remove one of them from the class path");
      }
      LOG.log(Level.DEBUG, "key-store provider ''{0}'': {1}", name, provider.getClass().getName());
    }
    return new KeyStoreRegistry(java.util.Collections.unmodifiableMap(byName));
  }

  private static KeyStoreRegistry from(ServiceLoader<KeyStoreProvider> loader) {
    try {
      return of(loader);
    } catch (ServiceConfigurationError e) {
      throw new IllegalStateException("cannot load the key-store providers: " + e.getMessage(), e);
    }
  }

  /**
   * The provider named exactly {@code name}.
   *
   * @param name a backend name such as {@code fs} or {@code vault}; not {@code null}
   * @return the provider, or empty if there is none of that name
   */
  public Optional<KeyStoreProvider> find(String name) {
    return Optional.ofNullable(providers.get(Objects.requireNonNull(name, "name")));
  }

  /**
   * The provider named exactly {@code name}.
   *
   * @param name a backend name such as {@code fs} or {@code vault}; not {@code null}
   * @throws InvalidConfigException (key {@code keystore.<name>}) if there is no such provider; the
   *     message lists the known names and, for a backend kes-java ships, the artifact to add
   */
  public KeyStoreProvider provider(String name) {
    KeyStoreProvider provider = providers.get(Objects.requireNonNull(name, "name"));
    if (provider != null) {
      return provider;
    }
    StringBuilder problem =
        new StringBuilder("no key-store provider named '")
            .append(name)
            .append("' on the class path");
    String artifact = ARTIFACTS.get(name);
    if (artifact != null) {
      problem.append("; add the artifact ").append(artifact);
    }
    problem
        .append("; known names: ")
        .append(providers.isEmpty() ? "none" : String.join(", ", names()));
    throw new InvalidConfigException("keystore." + name, problem.toString());
  }

  /** The names of all providers, sorted; never {@code null}. */
  public Set<String> names() {
    return providers.keySet();
  }

  /**
   * Builds the store of the provider named {@code name} from its config section.
   *
   * @param name a backend name such as {@code fs}; not {@code null}
   * @param config the section {@code keystore.<name>}; not {@code null}
   * @throws InvalidConfigException if there is no such provider, or a setting is missing or invalid
   * @throws KeyStoreException if the backend cannot be set up
   */
  public KeyStore create(String name, KeyStoreConfig config) {
    Objects.requireNonNull(config, "config");
    return provider(name).create(config);
  }

  /** The provider names; for logs. */
  @Override
  public String toString() {
    return "KeyStoreRegistry" + names();
  }
}

package io.kesjava.keystore.common;

import io.kesjava.keystore.InvalidConfigException;
import io.kesjava.keystore.KeyStoreConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A provider's view of its config section ({@code keystore.<name>...}): required settings with the
 * backend's own wording, settings in sub-sections by dotted name ({@code credentials.key}), and
 * values that a builder refuses turned into an {@link InvalidConfigException} that names the
 * setting, so that the server can point at its line.
 *
 * <pre>{@code
 * Settings sdkms = Settings.backend(config, "sdkms", INVALID);
 * String key = sdkms.requiredSecret("credentials.key", INVALID + "no API key specified");
 * sdkms.string("tls.ca").ifPresent(ca -> sdkms.apply("tls.ca", INVALID, () -> builder.ca(ca)));
 * }</pre>
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: immutable.
 */
public final class Settings {

  private final KeyStoreConfig config;

  private Settings(KeyStoreConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** The settings of {@code config}. */
  public static Settings of(KeyStoreConfig config) {
    return new Settings(config);
  }

  /**
   * The one section a vendor's settings are in, {@code keystore.<name>.<child>}, such as {@code
   * keystore.fortanix.sdkms}.
   *
   * @param config the section {@code keystore.<name>}
   * @param invalid the provider's message prefix, such as {@code invalid fortanix SDKMS keystore: }
   * @throws InvalidConfigException {@code <invalid>no <child> section} if it is absent or empty
   */
  public static Settings backend(KeyStoreConfig config, String child, String invalid) {
    return of(config).section(child, invalid + "no " + child + " section");
  }

  /** The section itself. */
  public KeyStoreConfig config() {
    return config;
  }

  /** The full path of the setting {@code name}, such as {@code keystore.vault.endpoint}. */
  public String key(String name) {
    return config.path().isEmpty() ? name : config.path() + "." + name;
  }

  /** The exception for a missing or invalid setting {@code name}. */
  public InvalidConfigException invalid(String name, String problem) {
    return new InvalidConfigException(key(name), problem);
  }

  /**
   * The sub-section {@code name}.
   *
   * @throws InvalidConfigException with {@code problem} if it is absent or empty
   */
  public Settings section(String name, String problem) {
    return child(name).orElseThrow(() -> invalid(name, problem));
  }

  /** The sub-section at the dotted {@code name}; empty if absent or empty. */
  public Optional<Settings> child(String name) {
    Optional<KeyStoreConfig> section = Optional.of(config);
    for (String part : name.split("\\.")) {
      section = section.flatMap(c -> c.child(part));
    }
    return section.map(Settings::new);
  }

  /** The string at the dotted {@code name}; empty when absent, null or the empty string. */
  public Optional<String> string(String name) {
    return parent(name).flatMap(c -> c.string(last(name)));
  }

  /** A secret at the dotted {@code name}, as {@link KeyStoreConfig#secret}. */
  public Optional<String> secret(String name) {
    return parent(name).flatMap(c -> c.secret(last(name)));
  }

  /**
   * The non-empty string at the dotted {@code name}.
   *
   * @throws InvalidConfigException with {@code problem} if it is absent or empty
   */
  public String required(String name, String problem) {
    return string(name).orElseThrow(() -> invalid(name, problem));
  }

  /**
   * The non-empty secret at the dotted {@code name}.
   *
   * @throws InvalidConfigException with {@code problem} if it is absent or empty
   */
  public String requiredSecret(String name, String problem) {
    return secret(name).orElseThrow(() -> invalid(name, problem));
  }

  /**
   * Runs {@code setter}, which hands the setting {@code name} to a builder.
   *
   * @param prefix put before the builder's message, such as {@code invalid fortanix SDKMS
   *     keystore: }; may be empty
   * @throws InvalidConfigException if the setter throws an {@link IllegalArgumentException}: the
   *     setting is named, the message is the prefix and the builder's message
   */
  public void apply(String name, String prefix, Runnable setter) {
    get(
        name,
        prefix,
        () -> {
          setter.run();
          return null;
        });
  }

  /**
   * Runs {@code step}, which checks or uses the setting {@code name}, and returns its result.
   *
   * @param prefix put before the step's message; may be empty
   * @throws InvalidConfigException if the step throws an {@link IllegalArgumentException}, as
   *     {@link #apply}
   */
  public <T> T get(String name, String prefix, Supplier<T> step) {
    try {
      return step.get();
    } catch (InvalidConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw invalid(name, prefix + e.getMessage());
    }
  }

  private Optional<KeyStoreConfig> parent(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? Optional.of(config) : child(name.substring(0, dot)).map(Settings::config);
  }

  private static String last(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** The section's path; never a value. */
  @Override
  public String toString() {
    return "Settings[" + config.path() + "]";
  }
}

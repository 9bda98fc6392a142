package io.kesjava.keystore;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, typed view of one section of the config file, such as {@code keystore.vault}. No
 * YAML or JSON types leak through it. Environment references ({@code ${VAR}}) are already expanded.
 *
 * <p>Every accessor that fails throws {@link InvalidConfigException} naming the full key path.
 * Values are read as the literal text of the YAML scalar, as KES reads them ({@code
 * docs/configuration.md#how-the-file-is-read}): {@code on} stays the string {@code on}.
 *
 * <p>Thread-safety: immutable. Security: {@code toString()} prints key names only, never values.
 */
public interface KeyStoreConfig {

  /** The full path of this section, such as {@code keystore.vault}. */
  String path();

  /** The keys present in this section, in file order. */
  Set<String> keys();

  /** Whether {@code key} is present with a non-null value. */
  boolean has(String key);

  /** The string at {@code key}; empty when absent, null or the empty string. */
  Optional<String> string(String key);

  /**
   * The non-empty string at {@code key}.
   *
   * @throws InvalidConfigException if it is absent or empty
   */
  String requireString(String key);

  /**
   * A secret (password, token, private key) at {@code key}: the same as {@link #string(String)},
   * named apart so that code reviews see where secrets are read. Never printed.
   */
  Optional<String> secret(String key);

  /**
   * A Go duration at {@code key} ({@code 30s}, {@code 1h30m}, {@code 500ms}; {@code
   * docs/configuration.md#how-the-file-is-read}); the default when absent or null.
   *
   * @throws InvalidConfigException if present and not a valid duration, or negative
   */
  Duration duration(String key, Duration defaultValue);

  /**
   * A boolean at {@code key}: {@code true/yes/on/y} or {@code false/no/off/n}, any case.
   *
   * @throws InvalidConfigException if present and none of those
   */
  boolean bool(String key, boolean defaultValue);

  /**
   * An integer at {@code key}.
   *
   * @throws InvalidConfigException if present and not an integer
   */
  int integer(String key, int defaultValue);

  /**
   * A list of strings at {@code key}; a single scalar is a list of one; empty when absent.
   *
   * @throws InvalidConfigException if it is a mapping
   */
  List<String> strings(String key);

  /**
   * The mapping at {@code key} as a section; empty when absent or null (KES treats an empty section
   * as absent, {@code docs/configuration.md#how-the-file-is-read}).
   *
   * @throws InvalidConfigException if the value is not a mapping
   */
  Optional<KeyStoreConfig> child(String key);

  /**
   * A view of a tree of maps, lists and scalars as parsed from YAML or built in code. Scalars are
   * taken as their {@code toString()} text.
   *
   * @param path the full path of the section, such as {@code keystore.fs}
   * @param values the section's mapping; copied
   */
  static KeyStoreConfig of(String path, Map<String, ?> values) {
    return new MapKeyStoreConfig(path, values);
  }
}

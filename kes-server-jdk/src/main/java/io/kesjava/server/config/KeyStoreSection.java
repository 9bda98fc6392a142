package io.kesjava.server.config;

import io.kesjava.keystore.KeyStoreConfig;
import java.util.Map;
import java.util.Objects;

/**
 * The one backend of the {@code keystore} section ({@code docs/configuration.md#keystore}): its
 * name, which picks the {@link io.kesjava.keystore.KeyStoreProvider}, and its section with {@code
 * ${ENV}} references expanded.
 *
 * <p>{@code aws.secretsmanager} has the backend name {@code aws} and the section {@code
 * keystore.aws}, which holds {@code secretsmanager}; likewise for the other two-level backends.
 * Without a backend in the file the name is {@code mem} (an in-memory store, {@code
 * docs/migrating-from-go-kes.md}).
 *
 * <p>Thread-safety: immutable. Security: {@link #toString()} shows key names, never values.
 *
 * @param backend the backend name, such as {@code fs}, {@code vault}, {@code aws} or {@code mem}
 * @param config the section {@code keystore.<backend>}
 * @param lines the line of each key in the file by its full path ({@code keystore.vault.endpoint});
 *     copied
 */
public record KeyStoreSection(String backend, KeyStoreConfig config, Map<String, Integer> lines) {

  /** Copies the lines; no component may be null. */
  public KeyStoreSection {
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(config, "config");
    lines = Map.copyOf(lines);
  }

  /** Whether this is the in-memory store, whose keys are lost when the server stops. */
  public boolean isInMemory() {
    return backend.equals("mem");
  }

  /**
   * The line of a key in the file, for messages about it; 0 when unknown.
   *
   * @param key a full key path such as {@code keystore.vault.approle.id}
   */
  public int lineOf(String key) {
    Integer line = lines.get(Objects.requireNonNull(key, "key"));
    return line == null ? 0 : line;
  }

  @Override
  public String toString() {
    return "KeyStoreSection[backend=" + backend + ", config=" + config + "]";
  }
}

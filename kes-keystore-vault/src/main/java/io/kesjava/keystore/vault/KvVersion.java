package io.kesjava.keystore.vault;

import java.util.Locale;

/**
 * The API version of Vault's K/V secrets engine, which decides where entries live ({@code
 * docs/keystores/vault.md}).
 *
 * <p>Thread-safety: immutable.
 */
public enum KvVersion {
  /** K/V version 1: one unversioned secret per key at {@code <engine>/<prefix>/<name>}. */
  V1,
  /**
   * K/V version 2: versioned secrets at {@code <engine>/data/<prefix>/<name>}; KES always reads
   * version 1 and creates with {@code cas=0}.
   */
  V2;

  /**
   * Parses {@code v1} or {@code v2} as written in the config file (exact, lower case).
   *
   * @throws IllegalArgumentException with KES's message {@code vault: invalid engine API version
   *     '<v>'} for anything else
   */
  public static KvVersion parse(String text) {
    switch (text) {
      case "v1":
        return V1;
      case "v2":
        return V2;
      default:
        throw new IllegalArgumentException("vault: invalid engine API version '" + text + "'");
    }
  }

  /** The config spelling: {@code v1} or {@code v2}. */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}

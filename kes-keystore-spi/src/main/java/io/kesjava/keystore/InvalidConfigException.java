package io.kesjava.keystore;

import java.util.Objects;

/**
 * A config setting is missing or invalid. {@link #key()} names the full path of the setting (such
 * as {@code keystore.vault.approle.id}) so that the server can add its line in the file.
 *
 * <p>Security: the message never contains the value of a secret setting.
 */
public class InvalidConfigException extends IllegalArgumentException {

  /** The full path of the setting. */
  private final String key;

  /**
   * @param key the full path of the setting
   * @param problem what is wrong, without the value of a secret
   */
  public InvalidConfigException(String key, String problem) {
    super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(problem, "problem"));
    this.key = key;
  }

  /** The full path of the setting, such as {@code keystore.vault.endpoint}. */
  public String key() {
    return key;
  }
}

package io.kesjava.keystore;

/**
 * There is no entry with the name.
 *
 * <p>Security: the message names keys and backends, never a value, a credential or a token.
 */
public class EntryNotFoundException extends KeyStoreException {

  /** @param message a description without secrets */
  public EntryNotFoundException(String message) {
    super(message);
  }

  /**
   * @param message a description without secrets
   * @param cause the underlying failure
   */
  public EntryNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}

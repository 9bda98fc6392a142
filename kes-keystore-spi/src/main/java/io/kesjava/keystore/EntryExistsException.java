package io.kesjava.keystore;

/**
 * An entry with the name exists already.
 *
 * <p>Security: the message names keys and backends, never a value, a credential or a token.
 */
public class EntryExistsException extends KeyStoreException {

  /** @param message a description without secrets */
  public EntryExistsException(String message) {
    super(message);
  }

  /**
   * @param message a description without secrets
   * @param cause the underlying failure
   */
  public EntryExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}

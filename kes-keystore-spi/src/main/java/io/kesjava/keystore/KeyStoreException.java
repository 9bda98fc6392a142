package io.kesjava.keystore;

/**
 * A key-store operation failed for a reason other than the ones its subclasses name.
 *
 * <p>Security: the message names keys and backends, never a value, a credential or a token.
 */
public class KeyStoreException extends RuntimeException {

  /** @param message a description without secrets */
  public KeyStoreException(String message) {
    super(message);
  }

  /**
   * @param message a description without secrets
   * @param cause the underlying failure
   */
  public KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

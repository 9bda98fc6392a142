package io.kesjava.keystore;

/**
 * The backend cannot be reached, is sealed or is not ready.
 *
 * <p>Security: the message names keys and backends, never a value, a credential or a token.
 */
public class KeyStoreUnreachableException extends KeyStoreException {

  /** @param message a description without secrets */
  public KeyStoreUnreachableException(String message) {
    super(message);
  }

  /**
   * @param message a description without secrets
   * @param cause the underlying failure
   */
  public KeyStoreUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}

package io.kesjava.core;

/**
 * The key store failed or cannot be reached. Status 502 (a failure, such as {@code failed to read
 * key}) or 504 ({@code key store is not reachable}); 503 only where a retry may succeed.
 */
public final class KeyStoreUnavailableException extends KesException {

  /**
   * @param status 502, 503 or 504
   * @param message the message KES sends, such as {@code failed to create key}
   */
  public KeyStoreUnavailableException(int status, String message) {
    this(status, message, null);
  }

  /**
   * @param status 502, 503 or 504
   * @param message the message KES sends
   * @param cause the key store's failure, for the server's error log
   */
  public KeyStoreUnavailableException(int status, String message, Throwable cause) {
    super(status, message, cause);
  }
}

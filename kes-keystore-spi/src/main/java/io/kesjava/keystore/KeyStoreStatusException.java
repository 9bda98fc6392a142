package io.kesjava.keystore;

/**
 * A failure that carries its own HTTP status and message, which the server passes through to the
 * client unchanged ({@code docs/keystores/README.md#the-contract-every-store-keeps}: errors of SDKs
 * that carry a status).
 */
public class KeyStoreStatusException extends KeyStoreException {

  /** The HTTP status to answer with. */
  private final int status;

  /**
   * @param status the HTTP status to answer with, 400 to 599
   * @param message the message the client sees; without secrets
   */
  public KeyStoreStatusException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
    }
    this.status = status;
  }

  /** The HTTP status the server answers with. */
  public int status() {
    return status;
  }
}

package io.kesjava.keystore.pem;

/**
 * PEM data cannot be used: it is malformed, holds the wrong kind of block, or an encrypted key
 * cannot be decrypted. The message says what is wrong (for example {@code private key is encrypted:
 * password required}) and never contains key material or a password.
 */
public class PemException extends IllegalArgumentException {

  /**
   * @param message what is wrong; without secrets
   */
  public PemException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong; without secrets
   * @param cause the underlying failure
   */
  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}

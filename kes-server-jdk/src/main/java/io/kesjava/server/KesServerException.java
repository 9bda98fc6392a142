package io.kesjava.server;

/**
 * A {@link ConfiguredServer} could not start, or a reload could not be applied: the config file
 * cannot be read or is invalid, the key store cannot be reached, the TLS files cannot be used, the
 * configured keys cannot be created, or the address cannot be bound. The message is what {@code kes
 * server} prints ({@code docs/cli.md#kes-server}); it never contains key material or credentials.
 */
public class KesServerException extends RuntimeException {

  /**
   * @param message what went wrong; without secrets
   */
  public KesServerException(String message) {
    super(message);
  }

  /**
   * @param message what went wrong; without secrets
   * @param cause the underlying failure
   */
  public KesServerException(String message, Throwable cause) {
    super(message, cause);
  }
}

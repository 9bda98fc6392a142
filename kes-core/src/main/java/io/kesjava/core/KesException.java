package io.kesjava.core;

import java.util.Objects;

/**
 * An error of the KES API: an HTTP status and the exact message KES sends with it ({@code
 * docs/http-api.md#errors}). Subclasses name the errors an application handles; any other status
 * and message is a plain {@code KesException}. Two errors are the same error when status and
 * message are equal, as KES clients compare them.
 *
 * <p>A call that got no answer at all (no server reached, the connection broke, the answer was not
 * KES's API) fails with status {@link #NO_RESPONSE}, which no server sends: {@code KesClient}'s
 * {@code KesTransportException}. Every failure of every {@link Kes} implementation is a {@code
 * KesException}, so that one {@code catch} serves the engine and the client alike.
 *
 * <p>Security: messages name keys, policies and identities, never key material or credentials.
 */
public class KesException extends RuntimeException {

  /**
   * The status of a call that got no HTTP answer: {@code 0}, as browsers and several HTTP client
   * libraries report a request without response. No server answers with it.
   */
  public static final int NO_RESPONSE = 0;

  private final int status;

  /**
   * @param status the HTTP status, 400 to 599
   * @param message the message KES sends with it
   */
  public KesException(int status, String message) {
    this(status, message, null);
  }

  /**
   * @param status the HTTP status, 400 to 599
   * @param message the message KES sends with it
   * @param cause the underlying failure, or {@code null}
   */
  public KesException(int status, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 4xx or 5xx: " + status);
    }
    this.status = status;
  }

  /**
   * An error without an HTTP answer: {@link #status()} is {@link #NO_RESPONSE}. For transport
   * failures of implementations that talk to a server.
   *
   * @param message what failed
   * @param cause the underlying failure, or {@code null}
   */
  protected KesException(String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.status = NO_RESPONSE;
  }

  /** The HTTP status KES answers with, or {@link #NO_RESPONSE} when no answer was had. */
  public int status() {
    return status;
  }

  /**
   * Returns the typed exception for a status and message, as a client reads them from a response.
   * Legacy messages are translated as kms-go does ({@code docs/http-api.md#errors}).
   */
  public static KesException of(int status, String message) {
    Objects.requireNonNull(message, "message");
    if (status == 400 && message.equals("key does already exist")) {
      return new KeyExistsException();
    }
    if (status == 403 && message.equals("prohibited by policy")) {
      return new NotAllowedException();
    }
    return switch (status) {
      case 400 -> switch (message) {
        case KeyExistsException.MESSAGE -> new KeyExistsException();
        case NotAuthenticException.MESSAGE -> new NotAuthenticException();
        default -> new InvalidArgumentException(message);
      };
      case 403 -> message.equals(NotAllowedException.MESSAGE)
          ? new NotAllowedException()
          : new KesException(status, message);
      case 404 -> switch (message) {
        case KeyNotFoundException.MESSAGE -> new KeyNotFoundException();
        case PolicyNotFoundException.MESSAGE -> new PolicyNotFoundException();
        case IdentityNotFoundException.MESSAGE -> new IdentityNotFoundException();
        default -> new KesException(status, message);
      };
      case 502, 503, 504 -> new KeyStoreUnavailableException(status, message);
      default -> new KesException(status, message);
    };
  }
}

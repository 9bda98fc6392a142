package io.kesjava.keystore.http;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.time.Duration;
import java.util.Objects;

/**
 * What the REST key stores have in common beyond the transport: their description, closing, and
 * KES's status probe. A vendor's store extends it and maps its vendor's API in {@code create},
 * {@code get}, {@code delete} and {@code list}.
 *
 * <p>Shared plumbing of the REST key-store backends: applications use the vendor's store, such as
 * {@code FortanixKeyStore}. Thread-safety: safe for concurrent use. Security: {@link #toString()}
 * is the description, never a credential.
 */
public abstract class RestKeyStore implements KeyStore {

  /** The transport to the vendor. */
  protected final RestTransport http;

  /** A store that talks through {@code http}. */
  protected RestKeyStore(RestTransport http) {
    this.http = Objects.requireNonNull(http, "http");
  }

  /**
   * A plain {@code GET} of the endpoint, without credentials and without retries: any HTTP answer
   * means reachable, as in KES.
   *
   * @throws KeyStoreUnreachableException if no HTTP answer arrives
   */
  @Override
  public Duration status() {
    http.checkOpen();
    return http.probe();
  }

  /** {@code <vendor's name>: <endpoint>}, such as {@code Fortanix SDKMS: https://sdkms.example}. */
  @Override
  public final String description() {
    return http.description();
  }

  /** Refuses further requests and drops idle connections. */
  @Override
  public final void close() {
    http.close();
  }

  /** The description; never a credential. */
  @Override
  public final String toString() {
    return description();
  }
}

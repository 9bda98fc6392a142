package io.kesjava.keystore.http;

import java.time.Duration;

/**
 * What sets one vendor's REST key store apart from another's, for {@link RestStoreBuilder} and
 * {@link RestTransport}: the words of its messages, its connection defaults, and how its API
 * answers ({@link RestTransport.Dialect}).
 *
 * <p>Shared plumbing of the REST key-store backends, not an API for applications: see the
 * {@linkplain io.kesjava.keystore.http package}. Thread-safety: immutable. Nullness: no component
 * is null.
 *
 * @param prefix what every message of the store starts with, such as {@code fortanix}
 * @param name the product's name for descriptions and messages, such as {@code Fortanix SDKMS}
 * @param exampleEndpoint an endpoint for the message about an invalid one
 * @param connectTimeout how long a connection may take to open
 * @param idleTimeout how long an idle connection is kept
 * @param systemRoots whether the CAs of {@code tls.ca} are trusted beside the system roots (else
 *     alone)
 * @param dialect how the vendor's API answers
 */
public record RestVendor(
    String prefix,
    String name,
    String exampleEndpoint,
    Duration connectTimeout,
    Duration idleTimeout,
    boolean systemRoots,
    RestTransport.Dialect dialect) {}

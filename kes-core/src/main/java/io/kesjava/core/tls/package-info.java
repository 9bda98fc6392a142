/**
 * TLS material for the KES server and its clients: reading PEM private keys and certificates as KES
 * does ({@code docs/configuration.md#tls}), self-signed certificates for development and for {@code
 * kes identity new}, and {@link javax.net.ssl.SSLContext}s restricted to TLS 1.2 and 1.3 with KES's
 * client-certificate modes ({@link io.kesjava.core.tls.ClientAuth}).
 *
 * <p>Security: private keys and passwords never appear in a log, an exception message or a {@code
 * toString()} of this package.
 */
package io.kesjava.core.tls;

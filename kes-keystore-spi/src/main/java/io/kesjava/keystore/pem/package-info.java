/**
 * Shared TLS helpers, JDK only: the one PEM reader and codec of kes-java ({@link
 * io.kesjava.keystore.pem.PemReader}, {@link io.kesjava.keystore.pem.PemCodec}) and the few DER
 * structures it needs ({@link io.kesjava.keystore.pem.Der}). kes-core's TLS code reads through it,
 * and key stores that talk TLS to their backends can use it, since they depend on this module only.
 */
package io.kesjava.keystore.pem;

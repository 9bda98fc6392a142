/**
 * The HTTP layer of the KES server: routing, authentication, the route handlers, JSON in KES's
 * wire shapes, metrics and log streams.
 *
 * <p>Not public API: everything here may change without notice. Use {@link
 * io.kesjava.server.KesServer}.
 */
package io.kesjava.server.http;

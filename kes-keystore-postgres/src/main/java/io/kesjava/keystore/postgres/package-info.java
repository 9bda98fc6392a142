/**
 * The PostgreSQL key store ({@code keystore.postgres}, see docs/keystores/postgres.md): {@link
 * io.kesjava.keystore.postgres.PostgresKeyStore}, its builder, and its provider, named {@code
 * postgres}. Several KES servers that share one database share their keys.
 */
package io.kesjava.keystore.postgres;

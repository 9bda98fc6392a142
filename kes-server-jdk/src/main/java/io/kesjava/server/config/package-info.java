/**
 * The KES server config file ({@code docs/configuration.md#how-the-file-is-read}): {@link
 * io.kesjava.server.config.ConfigParser} reads YAML as KES does (the literal text of every scalar,
 * {@code ${ENV}} references, Go durations) into an immutable {@link
 * io.kesjava.server.config.ServerConfig}.
 *
 * <p>Errors are {@link io.kesjava.server.config.ConfigException}s with KES's messages and the line
 * in the file; unknown keys become {@link io.kesjava.server.config.ConfigWarning}s. Secrets (the
 * TLS key password and key-store credentials) never appear in a message or {@code toString()}.
 */
package io.kesjava.server.config;

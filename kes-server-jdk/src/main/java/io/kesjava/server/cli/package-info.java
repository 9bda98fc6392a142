/**
 * The {@code kes} command line ({@code docs/cli.md#kes-server}): {@code kes server} (from a config
 * file or in development mode) and {@code kes identity of|new}. The entry point is {@link
 * io.kesjava.server.cli.KesCli#main(String[])}; everything else here is internal.
 *
 * <p>Errors print one line, {@code Error: <message>}, to standard error and exit with status 1;
 * help and bare command groups print usage to standard error and exit with status 2.
 */
package io.kesjava.server.cli;

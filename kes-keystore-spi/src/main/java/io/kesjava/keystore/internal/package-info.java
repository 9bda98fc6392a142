/**
 * Helpers shared by kes-java's own modules (the key-store SPI, the server and the command line):
 * one Go-duration parser and formatter for the config file, the key stores and the command line,
 * and one JSON string quoting with Go's escaping for the server and the key stores.
 *
 * <p><b>Not public API.</b> Classes here may change or disappear in any release without notice;
 * applications and third-party key-store backends must not use them.
 */
package io.kesjava.keystore.internal;

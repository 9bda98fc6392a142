/**
 * Helpers shared by kes-java's own modules (the key-store SPI and the server).
 *
 * <p><b>Not public API.</b> Classes here may change or disappear in any release without notice;
 * applications and third-party key-store backends must not use them.
 */
package io.kesjava.keystore.internal;

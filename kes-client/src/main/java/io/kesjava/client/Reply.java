package io.kesjava.client;

/**
 * A successful (2xx) response, read completely.
 *
 * @param status the HTTP status
 * @param contentType the {@code Content-Type} header; empty when absent
 * @param body the body; may hold secrets, so callers zero it when done
 */
record Reply(int status, String contentType, byte[] body) {}

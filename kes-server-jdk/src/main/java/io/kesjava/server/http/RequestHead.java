package io.kesjava.server.http;

/**
 * A request line and header fields that passed every check of {@link HeadParser}.
 *
 * @param method the method token, such as {@code GET}
 * @param target the request target as sent
 * @param path the percent-decoded path
 * @param rawQuery the query without {@code ?}, still encoded; {@code null} when there is none
 * @param http11 whether the version is {@code HTTP/1.1} (else {@code HTTP/1.0})
 * @param headers the header fields
 * @param contentLength the body length; 0 without a body; -1 for a chunked body
 * @param expectContinue whether the client waits for {@code 100 Continue} before the body
 * @param close whether the client asked to close the connection after the response, or speaks
 *     HTTP/1.0
 */
record RequestHead(
    String method,
    String target,
    String path,
    String rawQuery,
    boolean http11,
    Headers headers,
    long contentLength,
    boolean expectContinue,
    boolean close) {

  /** Whether a body follows the head. */
  boolean hasBody() {
    return contentLength != 0;
  }
}

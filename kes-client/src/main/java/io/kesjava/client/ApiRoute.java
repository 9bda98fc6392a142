package io.kesjava.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One route of the server's API, as {@code /v1/api} lists it ({@code docs/http-api.md#routes}).
 *
 * @param method the HTTP method, such as {@code GET}
 * @param path the route's path; prefix routes end with {@code /}
 * @param maxBody the largest request body the route reads, in bytes
 * @param timeout the route's timeout; zero for none (the log streams)
 */
public record ApiRoute(String method, String path, long maxBody, Duration timeout) {

  public ApiRoute {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
    if (maxBody < 0) {
      throw new IllegalArgumentException("max_body must not be negative: " + maxBody);
    }
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative: " + timeout);
    }
  }
}

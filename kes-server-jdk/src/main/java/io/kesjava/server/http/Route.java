package io.kesjava.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * One entry of the route table ({@code docs/http-api.md#routes}).
 *
 * @param method the declared method; {@code PUT} routes also accept {@code POST}
 * @param path the registered path; prefix routes end with {@code /}
 * @param maxBody the body limit in bytes; 0 for routes that read no body
 * @param timeout the response deadline; zero for none
 * @param auth how the route authenticates
 * @param counted whether the request metrics count it ({@code docs/http-api.md#metrics})
 * @param listed whether {@code /v1/api} lists it
 * @param handler what answers it
 */
record Route(
    String method,
    String path,
    long maxBody,
    Duration timeout,
    AuthMode auth,
    boolean counted,
    boolean listed,
    Handler handler) {

  /** How a route authenticates ({@code docs/http-api.md#conventions}). */
  enum AuthMode {
    /** Nothing is checked. */
    NONE,
    /** An identity is required and must pass the admin or policy check. */
    POLICY,
    /** The identity is computed if possible and never rejected. */
    IDENTIFY
  }

  /** Answers one request that passed the route's checks. */
  @FunctionalInterface
  interface Handler {
    void handle(Call call) throws Exception;
  }

  Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(handler, "handler");
  }

  boolean isPrefix() {
    return path.endsWith("/");
  }

  /** Whether the route takes {@code requestMethod}: its own, or {@code POST} for a {@code PUT}. */
  boolean accepts(String requestMethod) {
    return method.equals(requestMethod)
        || method.equals("PUT") && requestMethod.equals("POST")
        || method.equals("POST") && requestMethod.equals("PUT");
  }

  Route with(Duration timeout, AuthMode auth) {
    return new Route(method, path, maxBody, timeout, auth, counted, listed, handler);
  }
}

package io.kesjava.client;

import io.kesjava.core.Names;
import java.util.function.UnaryOperator;
import okhttp3.HttpUrl;
import okhttp3.MediaType;

/**
 * One API request, independent of the endpoint it goes to.
 *
 * @param method the HTTP method
 * @param url the request URL for an endpoint's base URL
 * @param body the body, or {@code null} for none; zeroed by the caller after the call
 * @param contentType the body's type, or {@code null} to send none (kms-go's HMAC call)
 * @param replaySafe whether sending it twice does no harm, so that it may be re-sent after the
 *     connection broke with the request already sent ({@code
 *     docs/http-api.md#clients-retries-and-several-endpoints})
 * @param limit the most response bytes to read ({@code
 *     docs/http-api.md#clients-retries-and-several-endpoints})
 */
record Req(
    String method,
    UnaryOperator<HttpUrl> url,
    byte[] body,
    MediaType contentType,
    boolean replaySafe,
    long limit) {

  static final MediaType JSON = MediaType.get("application/json");
  static final long MIB = 1 << 20;

  /** A GET of a fixed path such as {@code /v1/status}. */
  static Req get(String path, long limit) {
    return new Req("GET", base -> Endpoints.join(base, path), null, null, true, limit);
  }

  /** A GET of a route with one resource segment, such as {@code v1/key/describe} + name. */
  static Req get(String route, String resource) {
    return new Req("GET", base -> Endpoints.route(base, route, resource), null, null, true, MIB);
  }

  /** What a path segment names, for the message when it cannot be sent. */
  enum Kind {
    KEY("key name"),
    POLICY("policy name"),
    IDENTITY("identity"),
    PATTERN(null);

    private final String what;

    Kind(String what) {
      this.what = what;
    }

    String message(String segment) {
      return what == null ? Names.invalidPattern(segment) : Names.invalidName(what, segment);
    }
  }

  /**
   * Rejects the segments a URL path cannot carry unchanged: HTTP clients drop {@code .} and {@code
   * ..} steps, and servers clean a decoded path that then holds an empty, {@code .} or {@code ..}
   * step (Go's and this project's answer with a redirect, {@code
   * docs/http-api.md#errors-you-may-see-before-a-route-is-reached}). Such names are invalid under
   * every name rule; this throws the exception the server would for the name.
   */
  static void checkSegment(String segment, Kind kind) {
    java.util.Objects.requireNonNull(segment, "name");
    if (segment.isEmpty()) {
      return;
    }
    String[] steps = segment.split("/", -1);
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      boolean trailing = i == steps.length - 1 && i > 0;
      if ((step.isEmpty() && !trailing) || step.equals(".") || step.equals("..")) {
        throw new io.kesjava.core.InvalidArgumentException(kind.message(segment));
      }
    }
  }
}

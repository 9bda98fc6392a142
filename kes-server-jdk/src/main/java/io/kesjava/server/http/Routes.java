package io.kesjava.server.http;

import io.kesjava.server.RouteSettings;
import io.kesjava.server.http.Route.AuthMode;
import io.kesjava.server.http.Route.Handler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The route table ({@code docs/http-api.md#routes}, plus {@code docs/http-api.md#older-routes}).
 * Stateless.
 */
final class Routes {

  /** The current body limit: a decimal megabyte ({@code docs/http-api.md#conventions}). */
  static final long MAX_BODY = 1_000_000;
  /** The v0.22 body limit, for the v0.22 bulk route. */
  static final long MAX_BODY_V022 = 1 << 20;

  private Routes() {}

  static List<Route> table(KeyRoutes k, InfoRoutes i, LogStreams l,
      Map<String, RouteSettings> settings) {
    List<Route> r = new ArrayList<>();
    r.add(route("GET", "/version", 0, 10, AuthMode.NONE, false, true, i::version));
    r.add(route("GET", "/v1/ready", 0, 15, AuthMode.POLICY, false, true, i::ready));
    r.add(route("GET", "/v1/status", 0, 15, AuthMode.POLICY, false, true, i::status));
    r.add(route("GET", "/v1/metrics", 0, 15, AuthMode.POLICY, false, true, i::metrics));
    r.add(route("GET", "/v1/api", 0, 10, AuthMode.POLICY, false, true, i::api));
    r.add(route("PUT", "/v1/key/create/", 0, 15, AuthMode.POLICY, true, true, k::create));
    r.add(route("PUT", "/v1/key/import/", MAX_BODY, 15, AuthMode.POLICY, true, true, k::importKey));
    r.add(route("GET", "/v1/key/describe/", 0, 15, AuthMode.POLICY, true, true, k::describe));
    r.add(route("PUT", "/v1/key/rotate/", 0, 15, AuthMode.POLICY, true, true, k::rotate));
    r.add(route("GET", "/v1/key/list/", 0, 15, AuthMode.POLICY, true, true, k::list));
    r.add(route("DELETE", "/v1/key/delete/", 0, 15, AuthMode.POLICY, true, true, k::delete));
    r.add(route("PUT", "/v1/key/generate/", MAX_BODY, 15, AuthMode.POLICY, true, true, k::generate));
    r.add(route("PUT", "/v1/key/encrypt/", MAX_BODY, 15, AuthMode.POLICY, true, true, k::encrypt));
    r.add(route("PUT", "/v1/key/decrypt/", MAX_BODY, 15, AuthMode.POLICY, true, true, k::decrypt));
    r.add(route("PUT", "/v1/key/hmac/", MAX_BODY, 15, AuthMode.POLICY, true, true, k::hmac));
    r.add(route("GET", "/v1/policy/describe/", 0, 15, AuthMode.POLICY, true, true,
        i::describePolicy));
    r.add(route("GET", "/v1/policy/read/", 0, 15, AuthMode.POLICY, true, true, i::readPolicy));
    r.add(route("GET", "/v1/policy/list/", 0, 15, AuthMode.POLICY, true, true, i::listPolicies));
    r.add(route("GET", "/v1/identity/describe/", 0, 15, AuthMode.POLICY, true, true,
        i::describeIdentity));
    r.add(route("GET", "/v1/identity/self/describe", 0, 15, AuthMode.IDENTIFY, true, true,
        i::describeSelf));
    r.add(route("GET", "/v1/identity/list/", 0, 15, AuthMode.POLICY, true, true,
        i::listIdentities));
    r.add(route("GET", "/v1/log/error", 0, 0, AuthMode.POLICY, false, true, l::error));
    r.add(route("GET", "/v1/log/audit", 0, 0, AuthMode.POLICY, false, true, l::audit));
    // Older paths that map onto current operations (docs/http-api.md#older-routes); not listed by
    // /v1/api.
    r.add(route("POST", "/v1/key/bulk/decrypt/", MAX_BODY_V022, 15, AuthMode.POLICY, true, false,
        k::bulkDecrypt));
    r.add(route("GET", "/v1/log/error/trace", 0, 0, AuthMode.POLICY, false, false, l::error));
    r.add(route("GET", "/v1/log/audit/trace", 0, 0, AuthMode.POLICY, false, false, l::audit));

    List<Route> out = new ArrayList<>(r.size());
    for (Route route : r) {
      RouteSettings s = settings.get(route.path());
      if (s == null) {
        out.add(route);
        continue;
      }
      Duration timeout = s.timeout().isZero() ? route.timeout() : s.timeout();
      AuthMode auth = s.skipAuth() && route.auth() == AuthMode.POLICY
          ? AuthMode.IDENTIFY : route.auth();
      out.add(route.with(timeout, auth));
    }
    return List.copyOf(out);
  }

  private static Route route(String method, String path, long maxBody, int timeoutSecs,
      AuthMode auth, boolean counted, boolean listed, Handler h) {
    return new Route(method, path, maxBody, Duration.ofSeconds(timeoutSecs), auth, counted, listed,
        h);
  }
}

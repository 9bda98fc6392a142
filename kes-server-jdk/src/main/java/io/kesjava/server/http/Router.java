package io.kesjava.server.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the route of a request path as Go's {@code net/http.ServeMux} does ({@code
 * docs/http-api.md#errors-you-may-see-before-a-route-is-reached}): exact routes, then the longest
 * prefix route; unclean paths and prefix routes named without their trailing slash are redirected.
 *
 * <p>Thread-safety: immutable.
 */
final class Router {

  /** The outcome of a lookup: a route and resource, a redirect target, or nothing. */
  record Match(Route route, String resource, String redirect) {
    boolean found() {
      return route != null;
    }
  }

  private final Map<String, Route> exact = new HashMap<>();
  private final List<Route> prefixes = new ArrayList<>();

  Router(List<Route> routes) {
    for (Route r : routes) {
      if (r.isPrefix()) {
        prefixes.add(r);
      } else {
        exact.put(r.path(), r);
      }
    }
    prefixes.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed());
  }

  Match match(String path) {
    String p = path.startsWith("/") ? path : "/" + path;
    String clean = cleanPath(p);
    if (!clean.equals(path)) {
      return new Match(null, "", clean);
    }
    Route r = exact.get(p);
    if (r != null) {
      return new Match(r, "", null);
    }
    for (Route pr : prefixes) {
      if (p.startsWith(pr.path())) {
        return new Match(pr, p.substring(pr.path().length()), null);
      }
    }
    String slashed = p + "/";
    for (Route pr : prefixes) {
      if (pr.path().equals(slashed)) {
        return new Match(null, "", slashed);
      }
    }
    return new Match(null, "", null);
  }

  /** Go's {@code cleanPath}: {@code path.Clean}, keeping a trailing slash. */
  static String cleanPath(String p) {
    if (p.isEmpty()) {
      return "/";
    }
    if (p.charAt(0) != '/') {
      p = "/" + p;
    }
    String np = clean(p);
    if (p.endsWith("/") && !np.equals("/")) {
      np = np + "/";
    }
    return np;
  }

  /** Go's {@code path.Clean} for a rooted path. */
  private static String clean(String p) {
    List<String> out = new ArrayList<>();
    for (String seg : p.split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".")) {
        continue;
      }
      if (seg.equals("..")) {
        if (!out.isEmpty()) {
          out.remove(out.size() - 1);
        }
        continue;
      }
      out.add(seg);
    }
    return "/" + String.join("/", out);
  }
}

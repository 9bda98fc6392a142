package io.kesjava.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds policy patterns that cannot do what their author most likely meant, and says so in one
 * sentence each. See {@link PolicyTable#warnings()} for the rules.
 *
 * <p>Thread-safety: stateless.
 */
final class PatternWarnings {

  /**
   * The request paths of the current route table (docs/http-api.md), with one example value in
   * braces for each variable segment.
   */
  static final List<String> ROUTES =
      List.of(
          "/version",
          "/v1/ready",
          "/v1/status",
          "/v1/metrics",
          "/v1/api",
          "/v1/key/create/{my-key}",
          "/v1/key/import/{my-key}",
          "/v1/key/describe/{my-key}",
          "/v1/key/list/{my-key}",
          "/v1/key/delete/{my-key}",
          "/v1/key/generate/{my-key}",
          "/v1/key/encrypt/{my-key}",
          "/v1/key/decrypt/{my-key}",
          "/v1/key/hmac/{my-key}",
          "/v1/policy/describe/{my-policy}",
          "/v1/policy/read/{my-policy}",
          "/v1/policy/list/{my-policy}",
          "/v1/identity/describe/{my-identity}",
          "/v1/identity/self/describe",
          "/v1/identity/list/{my-identity}",
          "/v1/log/error",
          "/v1/log/audit");

  private PatternWarnings() {}

  /** The warnings for every distinct pattern of {@code policy}, allow patterns first. */
  static List<String> of(Policy policy) {
    List<String> warnings = new ArrayList<>();
    for (String pattern : new LinkedHashSet<>(policy.allow())) {
      String w = of(pattern);
      if (w != null) {
        warnings.add("policy '" + policy.name() + "': allow pattern '" + pattern + "' " + w);
      }
    }
    for (String pattern : new LinkedHashSet<>(policy.deny())) {
      String w = ofDeny(pattern);
      if (w != null) {
        warnings.add("policy '" + policy.name() + "': deny pattern '" + pattern + "' " + w);
      }
    }
    return warnings;
  }

  /** The warning for one allow pattern (a glob), without the policy, or null if it looks fine. */
  static String of(String pattern) {
    if (pattern.isEmpty()) {
      return "is empty and matches nothing";
    }
    CompiledGlob glob = CompiledGlob.parse(pattern);
    if (glob == null) {
      return "is malformed and matches nothing";
    }
    if (!glob.canMatchAfterSlash()) {
      if (pattern.equals("*")) {
        return "matches no request path ('*' never matches '/', and every path starts with '/');"
            + " write "
            + join(everyDepth())
            + " to match every route";
      }
      return "matches no request path (every path starts with '/')";
    }
    return glob.endsWithStar() ? prefixWarning(pattern) : null;
  }

  /**
   * The warning for one deny pattern, which matches as a glob and by the prefix rule, or null if
   * both rules select the same routes.
   */
  static String ofDeny(String pattern) {
    if (pattern.isEmpty()) {
      return "is empty and matches nothing";
    }
    boolean star = pattern.endsWith("*");
    String prefix = star ? pattern.substring(0, pattern.length() - 1) : pattern;
    boolean prefixCanMatch = prefix.isEmpty() || prefix.startsWith("/");
    CompiledGlob glob = CompiledGlob.parse(pattern);
    if (!prefixCanMatch && (glob == null || !glob.canMatchAfterSlash())) {
      return "matches no request path (every path starts with '/')";
    }
    if (glob == null) {
      return "is malformed as a glob and matches only by the prefix rule: "
          + (star ? "every path that starts with '" + prefix + "'" : "the path '" + pattern
              + "' itself");
    }
    if (star && prefix.isEmpty()) {
      return "matches every path as a prefix: it denies every request";
    }
    if (star) {
      for (String route : ROUTES) {
        String example = example(route);
        if (example.startsWith(prefix) && !glob.matches(example)) {
          return "also matches as a prefix: it denies every path that starts with '" + prefix
              + "', such as '" + example + "', not only the paths its glob matches within one"
              + " segment";
        }
      }
    }
    return null;
  }

  /**
   * The warning for a pattern whose trailing star was probably meant to match everything below:
   * some route that the pattern's segments select has more segments than the pattern.
   */
  private static String prefixWarning(String pattern) {
    String[] segments = pattern.split("/", -1);
    for (String segment : segments) {
      // A '/' inside a class or after '\' makes segment-wise reading meaningless; say nothing.
      if (!segment.isEmpty() && CompiledGlob.parse(segment) == null) {
        return null;
      }
    }
    int depth = segments.length;
    String exact = null;
    String deep = null;
    TreeSet<Integer> deeperDepths = new TreeSet<>();
    for (String route : ROUTES) {
      String[] r = route.split("/", -1);
      if (!segmentsMatch(segments, r)) {
        continue;
      }
      if (r.length == depth) {
        if (exact == null && Glob.matches(pattern, example(route))) {
          exact = example(route);
        }
      } else {
        deeperDepths.add(r.length);
        if (deep == null) {
          deep = example(route);
        }
      }
    }
    if (deep == null) {
      return null;
    }
    List<String> suggestions = new ArrayList<>();
    for (int d : deeperDepths) {
      suggestions.add(pattern + "/*".repeat(d - depth));
    }
    String shown = exact;
    if (shown == null) {
      String truncated = String.join("/", List.of(deep.split("/", -1)).subList(0, depth));
      shown = Glob.matches(pattern, truncated) ? truncated : null;
    }
    String which =
        shown == null ? "(not '" + deep + "')" : "('" + shown + "' but not '" + deep + "')";
    String advice;
    if (exact != null) {
      advice = "add " + join(suggestions) + " to match the deeper routes too";
    } else {
      String area = area(segments);
      String what = area == null ? "the deeper routes" : "every " + area + " route";
      advice = "write " + join(suggestions) + " to match " + what;
    }
    return "matches only one path segment " + which + "; " + advice;
  }

  /** Whether each pattern segment could match the route's segment at the same place. */
  private static boolean segmentsMatch(String[] pattern, String[] route) {
    if (route.length < pattern.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      String r = route[i];
      if (r.startsWith("{")) {
        // A variable segment: some name will match any pattern segment that is not empty.
        if (pattern[i].isEmpty()) {
          return false;
        }
        continue;
      }
      boolean match = pattern[i].isEmpty() ? r.isEmpty() : Glob.matches(pattern[i], r);
      if (!match) {
        return false;
      }
    }
    return true;
  }

  /** {@code /v1/<area>/*} names an area such as {@code key}; other patterns name none. */
  private static String area(String[] segments) {
    if (segments.length == 4
        && segments[0].isEmpty()
        && segments[1].equals("v1")
        && segments[2].chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')
        && !segments[2].isEmpty()
        && segments[3].equals("*")) {
      return segments[2];
    }
    return null;
  }

  /** The route with its example values filled in. */
  private static String example(String route) {
    return route.replace("{", "").replace("}", "");
  }

  /** One pattern of single-segment stars for each depth of the route table: one star, two... */
  private static List<String> everyDepth() {
    TreeSet<Integer> depths = new TreeSet<>();
    for (String route : ROUTES) {
      depths.add(route.split("/", -1).length);
    }
    List<String> out = new ArrayList<>();
    for (int d : depths) {
      out.add("/*".repeat(d - 1));
    }
    return out;
  }

  private static String join(List<String> patterns) {
    List<String> quoted = patterns.stream().map(p -> "'" + p + "'").collect(Collectors.toList());
    if (quoted.size() == 1) {
      return quoted.get(0);
    }
    return String.join(", ", quoted.subList(0, quoted.size() - 1))
        + " and "
        + quoted.get(quoted.size() - 1);
  }
}

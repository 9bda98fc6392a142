package io.kesjava.policy;

import io.kesjava.policy.Explanation.Reason;
import io.kesjava.policy.Explanation.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A named policy: patterns for the request paths it allows and denies.
 *
 * <p>A path is allowed when no deny pattern matches it and at least one allow pattern does; deny
 * always wins, whatever the order. A policy without allow patterns allows nothing.
 *
 * <p>The two lists match differently, so that ambiguity resolves toward less access:
 *
 * <ul>
 *   <li>An <b>allow</b> pattern matches as a glob ({@link Glob}): {@code *} and {@code ?} stay
 *       within one path segment, so {@code /v1/key/*} allows {@code /v1/key/create} but not
 *       {@code /v1/key/create/my-key}.
 *   <li>A <b>deny</b> pattern matches when either the glob rule or KES's current rule matches it:
 *       a trailing {@code *} matches every path that starts with the rest of the pattern (slashes
 *       included), any other pattern the equal path. So {@code /v1/key/*} denies every key route,
 *       as it does in the Go KES since v0.23, and {@code *} denies everything.
 * </ul>
 *
 * <p>Patterns are kept as given, in order and with duplicates. Empty patterns match nothing;
 * malformed globs match nothing as globs (as deny patterns they still match by the prefix rule);
 * {@link PolicyTable#warnings()} reports both.
 *
 * <p>Thread-safety: immutable.
 *
 * @param name the policy name; non-null ({@link PolicyTable} checks the name rule)
 * @param allow the allow patterns; non-null, without null elements; copied
 * @param deny the deny patterns; non-null, without null elements; copied
 */
public record Policy(String name, List<String> allow, List<String> deny) {

  /**
   * Creates a policy, copying the lists.
   *
   * @param name the policy name; non-null
   * @param allow the allow patterns; non-null, without null elements
   * @param deny the deny patterns; non-null, without null elements
   * @throws NullPointerException if an argument or a pattern is null
   */
  public Policy {
    Objects.requireNonNull(name, "name");
    allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
    deny = List.copyOf(Objects.requireNonNull(deny, "deny"));
  }

  /**
   * Returns a policy with allow patterns only.
   *
   * @param name the policy name; non-null
   * @param allow the allow patterns; non-null, without null elements
   * @return the policy
   * @throws NullPointerException if an argument or a pattern is null
   */
  public static Policy allowing(String name, List<String> allow) {
    return new Policy(name, allow, List.of());
  }

  /**
   * Whether {@code pattern}, as a deny pattern, matches {@code path}: as a glob or by the prefix
   * rule.
   *
   * @throws NullPointerException if an argument is null
   */
  public static boolean denyMatches(String pattern, String path) {
    return PrefixRule.matches(Objects.requireNonNull(pattern, "pattern"),
        Objects.requireNonNull(path, "path")) || Glob.matches(pattern, path);
  }

  /**
   * Whether this policy allows a request for {@code path}: no deny pattern matches (as a glob or
   * by the prefix rule) and some allow pattern matches (as a glob).
   *
   * @param path the URL path of the request, without query, such as {@code /v1/key/create/my-key};
   *     non-null
   * @return true if allowed
   * @throws NullPointerException if {@code path} is null
   */
  public boolean allows(String path) {
    Objects.requireNonNull(path, "path");
    for (String pattern : deny) {
      if (denyMatches(pattern, path)) {
        return false;
      }
    }
    for (String pattern : allow) {
      if (Glob.matches(pattern, path)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Explains {@link #allows(String)}: which pattern decided, by which rule, and why.
   *
   * @param path the URL path of the request; non-null
   * @return the explanation; its decision is the one {@link #allows(String)} makes
   * @throws NullPointerException if {@code path} is null
   */
  public Explanation explain(String path) {
    Objects.requireNonNull(path, "path");
    for (String pattern : deny) {
      boolean glob = Glob.matches(pattern, path);
      boolean prefix = PrefixRule.matches(pattern, path);
      if (glob || prefix) {
        Rule rule = glob && prefix ? Rule.GLOB_AND_PREFIX : glob ? Rule.GLOB : Rule.PREFIX;
        String how = switch (rule) {
          case GLOB -> "as a glob";
          case PREFIX -> pattern.endsWith("*")
              ? "as a prefix (a trailing '*' matches every path that starts with '"
                  + pattern.substring(0, pattern.length() - 1) + "', slashes included)"
              : "as an exact path";
          default -> "as a glob and as a prefix";
        };
        return new Explanation(Decision.DENY, Reason.DENY_PATTERN, pattern, rule,
            "denied: deny pattern '" + pattern + "' of policy '" + name + "' matches '" + path
                + "' " + how + "; a matching deny pattern wins over every allow pattern");
      }
    }
    for (String pattern : allow) {
      if (Glob.matches(pattern, path)) {
        return new Explanation(Decision.ALLOW, Reason.ALLOW_PATTERN, pattern, Rule.GLOB,
            "allowed: allow pattern '" + pattern + "' of policy '" + name + "' matches '" + path
                + "' as a glob, and no deny pattern matches");
      }
    }
    List<String> prefixOnly = new ArrayList<>();
    for (String pattern : allow) {
      if (PrefixRule.matches(pattern, path)) {
        prefixOnly.add("'" + pattern + "'");
      }
    }
    String text = "denied: no allow pattern of policy '" + name + "' matches '" + path + "'";
    if (allow.isEmpty()) {
      text += " (the policy has no allow patterns)";
    } else if (!prefixOnly.isEmpty()) {
      text += "; allow " + (prefixOnly.size() == 1 ? "pattern " : "patterns ")
          + String.join(", ", prefixOnly) + " would match it as a prefix, but allow patterns"
          + " match only as globs, where '*' stays within one path segment";
    }
    return new Explanation(Decision.DENY, Reason.NO_ALLOW_PATTERN, "", Rule.NONE, text);
  }
}

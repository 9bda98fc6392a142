package io.kesjava.policy;

import java.util.List;
import java.util.Objects;

/**
 * A named policy: glob patterns for the request paths it allows and denies ({@code
 * docs/policies.md#how-a-request-is-decided}).
 *
 * <p>A path is allowed when no deny pattern matches it and at least one allow pattern does; deny
 * always wins, whatever the order. A policy without allow patterns allows nothing.
 *
 * <p>Patterns are kept as given, in order and with duplicates. Malformed and empty patterns are
 * accepted and match nothing; {@link PolicyTable#warnings()} reports them.
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
   * Whether this policy allows a request for {@code path}: no deny pattern matches and some allow
   * pattern matches.
   *
   * @param path the URL path of the request, without query, such as {@code /v1/key/create/my-key};
   *     non-null
   * @return true if allowed
   * @throws NullPointerException if {@code path} is null
   */
  public boolean allows(String path) {
    Objects.requireNonNull(path, "path");
    for (String pattern : deny) {
      if (Glob.matches(pattern, path)) {
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
}

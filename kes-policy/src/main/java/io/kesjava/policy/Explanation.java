package io.kesjava.policy;

import java.util.Objects;

/**
 * Why a request was allowed or denied: the decision, the pattern that decided (if one did), by
 * which rule it matched, and one sentence that says so.
 *
 * <p>Thread-safety: immutable.
 *
 * @param decision allowed or denied
 * @param reason what decided
 * @param pattern the deciding pattern; empty when no pattern decided
 * @param rule how the deciding pattern matched; {@link Rule#NONE} when no pattern decided
 * @param text one or two sentences for a person, naming the policy, the pattern and the rule
 */
public record Explanation(
    Decision decision, Reason reason, String pattern, Rule rule, String text) {

  /** What decided a request. */
  public enum Reason {
    /** The caller is the admin, who may call every path. */
    ADMIN,
    /** The caller has no policy. */
    NO_POLICY,
    /** A deny pattern matched; deny patterns win over allow patterns. */
    DENY_PATTERN,
    /** An allow pattern matched and no deny pattern did. */
    ALLOW_PATTERN,
    /** No allow pattern matched. */
    NO_ALLOW_PATTERN
  }

  /** How a pattern matched the path. */
  public enum Rule {
    /** No pattern decided. */
    NONE,
    /** As a glob: {@code *} and {@code ?} stay within one path segment (every pattern). */
    GLOB,
    /**
     * By KES's current rule (deny patterns only): a trailing {@code *} matches every path that
     * starts with the rest of the pattern; other patterns only the equal path.
     */
    PREFIX,
    /** Both as a glob and by the prefix rule (deny patterns only). */
    GLOB_AND_PREFIX
  }

  public Explanation {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(text, "text");
  }
}

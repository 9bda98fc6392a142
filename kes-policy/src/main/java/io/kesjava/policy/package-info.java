/**
 * KES policies: the glob matcher ({@link io.kesjava.policy.Glob}), allow and deny lists ({@link
 * io.kesjava.policy.Policy}) and the identity-to-policy table with the admin rule ({@link
 * io.kesjava.policy.PolicyTable}).
 *
 * <p>Matching follows {@code docs/policies.md#the-allow-rule-globs-one-segment-at-a-time} (globs,
 * {@code *} and {@code ?} never cross {@code /}), evaluation as {@code
 * docs/policies.md#how-a-request-is-decided} says (admin bypasses, deny wins). Everything here is
 * immutable and thread-safe, and nothing accepts or returns null unless its javadoc says so.
 */
package io.kesjava.policy;

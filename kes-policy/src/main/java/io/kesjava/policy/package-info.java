/**
 * KES policies: the glob matcher ({@link io.kesjava.policy.Glob}), allow and deny lists ({@link
 * io.kesjava.policy.Policy}) and the identity-to-policy table with the admin rule ({@link
 * io.kesjava.policy.PolicyTable}).
 *
 * <p>Allow patterns match as globs ({@code *} and {@code ?} never cross {@code /}); deny patterns
 * as globs or by KES's prefix rule, so that ambiguity resolves toward less access; the admin
 * bypasses and deny wins (docs/policies.md). Everything here is immutable and thread-safe,
 * and nothing accepts or returns null unless its javadoc says so.
 */
package io.kesjava.policy;

package io.kesjava.policy;

/**
 * The outcome of checking a request against the policy table.
 *
 * <p>Thread-safety: an enum, immutable.
 */
public enum Decision {
  /** The request may proceed. */
  ALLOW,
  /** The request is refused; KES answers 403 {@code not authorized: insufficient permissions}. */
  DENY
}

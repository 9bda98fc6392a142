package io.kesjava.server.config;

import java.util.List;

/**
 * One policy of the {@code policy} section ({@code docs/configuration.md#policy}); its name is its
 * key in {@link ServerConfig#policies()}.
 *
 * @param allow the allowed request-path patterns, in file order; copied
 * @param deny the denied request-path patterns, in file order; copied
 * @param identities the identities bound to this policy, in file order; copied
 *
 * <p>Thread-safety: immutable.
 */
public record PolicyConfig(List<String> allow, List<String> deny, List<String> identities) {

  /** Copies the lists; no element may be null. */
  public PolicyConfig {
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
    identities = List.copyOf(identities);
  }
}

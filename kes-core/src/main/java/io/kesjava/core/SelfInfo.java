package io.kesjava.core;

import java.util.Objects;
import java.util.Optional;

/**
 * The caller's own identity and, if it has one, its policy's patterns ({@code
 * docs/http-api.md#describe-yourself}, option (c)).
 *
 * @param info the identity, admin flag and policy name
 * @param rules the patterns of its policy; empty for the admin
 */
public record SelfInfo(IdentityInfo info, Optional<PolicyRules> rules) {

  public SelfInfo {
    Objects.requireNonNull(info, "info");
    Objects.requireNonNull(rules, "rules");
  }
}

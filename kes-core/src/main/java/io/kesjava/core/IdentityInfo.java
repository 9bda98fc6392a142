package io.kesjava.core;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of an identity ({@code docs/http-api.md#describe-an-identity}).
 *
 * @param identity the identity
 * @param admin whether it is the admin identity
 * @param policy the name of its policy; empty for the admin
 * @param createdAt the server's start time
 * @param createdBy the admin identity; empty for the admin itself
 */
public record IdentityInfo(
    Identity identity, boolean admin, String policy, Instant createdAt, String createdBy) {

  public IdentityInfo {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}

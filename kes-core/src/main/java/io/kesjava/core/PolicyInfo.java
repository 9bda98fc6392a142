package io.kesjava.core;

import java.time.Instant;
import java.util.Objects;

/**
 * A policy's metadata ({@code docs/http-api.md#describe-a-policy}).
 *
 * @param name the policy's name
 * @param createdAt when it was loaded: the server's start time
 * @param createdBy the admin identity
 */
public record PolicyInfo(String name, Instant createdAt, String createdBy) {

  public PolicyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}

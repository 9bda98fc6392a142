package io.kesjava.core;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A policy's patterns ({@code docs/http-api.md#read-a-policy}). Deny patterns win over allow
 * patterns.
 *
 * @param name the policy's name
 * @param allow the allow patterns, sorted
 * @param deny the deny patterns, sorted
 * @param createdAt when it was loaded: the server's start time
 * @param createdBy the admin identity
 */
public record PolicyRules(
    String name,
    SortedSet<String> allow,
    SortedSet<String> deny,
    Instant createdAt,
    String createdBy) {

  public PolicyRules {
    Objects.requireNonNull(name, "name");
    allow = Collections.unmodifiableSortedSet(new TreeSet<>(allow));
    deny = Collections.unmodifiableSortedSet(new TreeSet<>(deny));
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}

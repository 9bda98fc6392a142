package io.kesjava.core;

import io.kesjava.crypto.KeyAlgorithm;
import java.time.Instant;
import java.util.Objects;

/**
 * A key's metadata, as {@code /v1/key/describe} returns it ({@code
 * docs/http-api.md#describe-a-key}).
 *
 * @param name the key's name
 * @param algorithm the key's type
 * @param createdAt when it was created; the epoch or year 1 for keys that did not record it
 * @param createdBy the creator's identity; empty if unknown
 */
public record KeyInfo(String name, KeyAlgorithm algorithm, Instant createdAt, String createdBy) {

  public KeyInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(createdBy, "createdBy");
  }
}

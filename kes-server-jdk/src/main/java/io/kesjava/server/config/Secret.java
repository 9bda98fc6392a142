package io.kesjava.server.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret setting such as {@code tls.password}. {@link #toString()} never shows it; {@link
 * #chars()} returns a copy for the code that needs it.
 *
 * <p>Thread-safety: immutable. Security: the JVM may keep copies of the text elsewhere (the YAML
 * parser works on strings); this type only keeps it out of logs and messages.
 */
public final class Secret {

  private static final Secret EMPTY = new Secret(new char[0]);

  private final char[] value;

  private Secret(char[] value) {
    this.value = value;
  }

  /** The secret {@code value}; empty text gives {@link #empty()}. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    return value.isEmpty() ? EMPTY : new Secret(value.toCharArray());
  }

  /** No secret. */
  public static Secret empty() {
    return EMPTY;
  }

  /** Whether the secret is empty (not set). */
  public boolean isEmpty() {
    return value.length == 0;
  }

  /** A copy of the secret; the caller should clear it after use. */
  public char[] chars() {
    return value.clone();
  }

  /** Constant-time comparison of the two secrets. */
  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Secret)) {
      return false;
    }
    byte[] a = new String(value).getBytes(StandardCharsets.UTF_8);
    byte[] b = new String(((Secret) o).value).getBytes(StandardCharsets.UTF_8);
    try {
      return MessageDigest.isEqual(a, b);
    } finally {
      Arrays.fill(a, (byte) 0);
      Arrays.fill(b, (byte) 0);
    }
  }

  /** The same for all secrets, so that hashing reveals nothing. */
  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return isEmpty() ? "Secret[empty]" : "Secret[redacted]";
  }
}

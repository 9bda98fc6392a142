package io.kesjava.core;

import io.kesjava.policy.NameRule;
import java.util.Objects;

/**
 * The name rules of the KES API ({@code docs/formats.md#listing-and-names}), and the errors that
 * reject a name. The rules themselves live in kes-policy's {@link NameRule}.
 *
 * <p>Thread-safety: stateless.
 */
public final class Names {

  /** The longest valid name or pattern, in characters. */
  public static final int MAX_LENGTH = NameRule.MAX_LENGTH;

  private Names() {}

  /**
   * Whether {@code name} is a valid key, policy or identity name: 1 to 80 characters of {@code
   * 0-9A-Za-z-_}, not starting or ending with {@code -}, and not {@code _} alone.
   */
  public static boolean isValidName(String name) {
    return NameRule.isValidName(name);
  }

  /**
   * Whether {@code pattern} is a valid listing pattern: empty, {@code *}, or a name that may end in
   * one {@code *} (the part before the {@code *} then follows the name rule, except that it may end
   * with {@code -} and may be {@code _} alone).
   */
  public static boolean isValidPattern(String pattern) {
    return NameRule.isValidPattern(pattern);
  }

  /**
   * The message that rejects an invalid name: {@code <what> '<name>' is empty, too long or contains
   * invalid characters}.
   *
   * @param what what the name names: {@code key name}, {@code policy name} or {@code identity}
   */
  public static String invalidName(String what, String name) {
    return NameRule.invalidName(what, name);
  }

  /**
   * The message that rejects an invalid listing pattern: {@code listing pattern '<pattern>' is
   * empty, too long or is invalid}.
   */
  public static String invalidPattern(String pattern) {
    return NameRule.invalidPattern(pattern);
  }

  /**
   * Returns {@code name} if it is a valid name.
   *
   * @param what what the name names, for the message: {@code key name}, {@code policy name} or
   *     {@code identity}
   * @throws NullPointerException if {@code name} is null
   * @throws InvalidArgumentException {@code <what> '<name>' is empty, too long or contains invalid
   *     characters} if it is not valid
   */
  public static String requireValidName(String what, String name) {
    Objects.requireNonNull(name, "name");
    if (!NameRule.isValidName(name)) {
      throw new InvalidArgumentException(NameRule.invalidName(what, name));
    }
    return name;
  }

  /**
   * Returns {@code pattern} if it is a valid listing pattern.
   *
   * @throws NullPointerException if {@code pattern} is null
   * @throws InvalidArgumentException {@code listing pattern '<pattern>' is empty, too long or is
   *     invalid} if it is not valid
   */
  public static String requireValidPattern(String pattern) {
    Objects.requireNonNull(pattern, "pattern");
    if (!NameRule.isValidPattern(pattern)) {
      throw new InvalidArgumentException(NameRule.invalidPattern(pattern));
    }
    return pattern;
  }

  /**
   * The prefix a valid listing pattern selects: empty for all, else the pattern without one
   * trailing {@code *} (our decision, {@code docs/migrating-from-go-kes.md}: a trailing {@code *}
   * is a wildcard).
   */
  public static String prefixOf(String pattern) {
    if (pattern.equals("*")) {
      return "";
    }
    return pattern.endsWith("*") ? pattern.substring(0, pattern.length() - 1) : pattern;
  }
}

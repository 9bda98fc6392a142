package io.kesjava.server.config;

import java.util.function.Function;

/**
 * {@code ${NAME}} references in config values, exactly as KES resolves them ({@code
 * docs/configuration.md#environment-variables-name}): after trimming, the text must start with
 * {@code ${} and end with {@code }}; the name between is trimmed again; anything else (a partial
 * reference such as {@code prefix-${FOO}} or {@code ${FOO}) is taken literally. The variable's
 * value is used as is, not trimmed.
 */
final class Env {

  private Env() {}

  /** The variable name referenced by {@code text}, or {@code null} when it is not a reference. */
  static String reference(String text) {
    String t = text.strip();
    if (t.length() >= 3 && t.startsWith("${") && t.endsWith("}")) {
      return t.substring(2, t.length() - 1).strip();
    }
    return null;
  }

  /**
   * Expands {@code text} if it is a reference.
   *
   * @throws ConfigException {@code kesconf: referenced env. variable '<NAME>' in line '<n>' not found}
   */
  static String expand(String text, int line, Function<String, String> env) {
    String name = reference(text);
    if (name == null) {
      return text;
    }
    String value = name.isEmpty() ? null : env.apply(name);
    if (value == null) {
      throw new ConfigException(
          "kesconf: referenced env. variable '" + name + "' in line '" + line + "' not found", line);
    }
    return value;
  }
}

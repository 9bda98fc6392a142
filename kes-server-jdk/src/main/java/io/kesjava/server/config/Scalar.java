package io.kesjava.server.config;

/**
 * A scalar of the config file after {@code ${ENV}} expansion: its literal text and what the YAML
 * parser made of it.
 *
 * @param text the literal text (or the variable's value)
 * @param line the 1-based line of the scalar
 * @param tag the resolved YAML tag in short form, such as {@code !!str}, {@code !!int}, {@code
 *     !!null}; {@code !!str} for a value from the environment
 * @param plain whether the scalar was written without quotes
 * @param fromEnv whether the text is the value of an environment variable
 */
record Scalar(String text, int line, String tag, boolean plain, boolean fromEnv) {

  /** Whether the scalar is YAML null ({@code ~}, {@code null} or nothing): "not set". */
  boolean isNull() {
    return !fromEnv && tag.equals("!!null");
  }
}

package io.kesjava.keystore.aws;

import java.util.List;
import java.util.Objects;

/**
 * Removes configured secrets from text that came from elsewhere, such as a vendor's error message.
 *
 * <p>Some AWS error messages echo the canonical request, which holds the session token. Every
 * vendor message passes through here before it reaches an exception.
 *
 * <p>Thread-safety: immutable.
 */
final class Redactor {

  private static final String MARK = "[redacted]";

  private final List<String> secrets;

  Redactor(List<String> secrets) {
    this.secrets = secrets.stream().filter(s -> s != null && s.length() >= 4).toList();
  }

  /** The text with every secret replaced by {@code [redacted]}; {@code ""} for {@code null}. */
  String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, MARK);
    }
    return result;
  }

  @Override
  public String toString() {
    return "Redactor[" + secrets.size() + " secrets]";
  }

  static Redactor none() {
    return new Redactor(List.of());
  }

  static Redactor of(String... secrets) {
    Objects.requireNonNull(secrets, "secrets");
    return new Redactor(java.util.Arrays.asList(secrets));
  }
}

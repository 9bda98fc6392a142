package io.kesjava.keystore.azure;

import java.util.List;
import java.util.Objects;

/**
 * Removes configured secrets from text that came from elsewhere, such as a vendor's error message.
 *
 * <p>Every message from Azure or its identity library passes through here before it reaches an
 * exception, in case one ever quotes the client secret.
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

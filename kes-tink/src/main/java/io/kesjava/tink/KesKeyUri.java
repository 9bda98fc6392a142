package io.kesjava.tink;

import io.kesjava.core.Names;
import java.util.Objects;
import java.util.Optional;

/**
 * A Tink key URI that names a KES key: {@code kes://<key-name>}, or {@code
 * kes://<server>/<key-name>} where {@code <server>} is the label a {@link KesKmsClient} was
 * registered under, for applications that talk to several KES servers (or engines).
 *
 * <p>The key name follows KES's rules for names ({@link Names#isValidName(String)}), so it never
 * holds a {@code /}. The server label is any non-empty text of printable ASCII without {@code /},
 * {@code \} or spaces; its usual value is the server's {@code host:port}. Labels compare exactly.
 *
 * @param server the server label, or empty for the plain form
 * @param keyName the KES key's name
 */
public record KesKeyUri(Optional<String> server, String keyName) {

  /** The scheme every KES key URI starts with. */
  public static final String PREFIX = "kes://";

  /**
   * @throws IllegalArgumentException if the key name or the server label is not valid
   */
  public KesKeyUri {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(keyName, "keyName");
    server.ifPresent(KesKeyUri::requireLabel);
    if (!Names.isValidName(keyName)) {
      throw new IllegalArgumentException(Names.invalidName("key name", keyName));
    }
  }

  /** {@code kes://<keyName>}. */
  public static KesKeyUri of(String keyName) {
    return new KesKeyUri(Optional.empty(), keyName);
  }

  /** {@code kes://<server>/<keyName>}. */
  public static KesKeyUri of(String server, String keyName) {
    return new KesKeyUri(Optional.of(Objects.requireNonNull(server, "server")), keyName);
  }

  /**
   * Parses a key URI.
   *
   * @throws IllegalArgumentException if {@code uri} does not start with {@code kes://}, or its
   *     server label or key name is not valid
   */
  public static KesKeyUri parse(String uri) {
    Objects.requireNonNull(uri, "uri");
    if (!uri.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a KES key URI (kes://<key-name>): '" + uri + "'");
    }
    String rest = uri.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return of(rest);
    }
    String key = rest.substring(slash + 1);
    if (key.indexOf('/') >= 0) {
      throw new IllegalArgumentException(
          "a KES key URI is kes://<key-name> or kes://<server>/<key-name>: '" + uri + "'");
    }
    return of(rest.substring(0, slash), key);
  }

  /** Whether {@code uri} is a valid KES key URI. */
  public static boolean isValid(String uri) {
    try {
      parse(uri);
      return true;
    } catch (IllegalArgumentException | NullPointerException e) {
      return false;
    }
  }

  /** The URI's text, which {@link #parse(String)} reads back to an equal value. */
  @Override
  public String toString() {
    return PREFIX + server.map(s -> s + "/").orElse("") + keyName;
  }

  static void requireLabel(String label) {
    if (label.isEmpty()) {
      throw new IllegalArgumentException("the server label of a KES key URI is empty");
    }
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      if (c <= ' ' || c > '~' || c == '/' || c == '\\') {
        throw new IllegalArgumentException(
            "the server label '" + label + "' contains a character other than printable ASCII "
                + "without '/', '\\' and space");
      }
    }
  }
}

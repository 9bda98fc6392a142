package io.kesjava.keystore.gemalto;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The {@code material} string of a KeySecure secret for a stored value ({@code
 * docs/keystores/README.md#what-is-stored}).
 *
 * <p>KES stores its value text as the material, unchanged: every value KES writes is ASCII (Base64
 * of a protobuf, or legacy JSON), so kes-java does the same for every value that is valid UTF-8.
 * The SPI's values are bytes, though, and a JSON string cannot carry arbitrary bytes; a value that
 * is not valid UTF-8, or that starts with {@link #PREFIX}, is stored as {@code PREFIX} followed by
 * its Base64. No KES value starts with the prefix (a colon is neither Base64 nor the start of
 * JSON), so KES's keys read back unchanged and the mapping is one-to-one.
 *
 * <p>Thread-safety: stateless.
 */
final class Material {

  /** Marks a material that holds the Base64 of a value which is not plain text. */
  static final String PREFIX = "kes-java:base64:";

  private Material() {}

  /** The material for {@code value}. */
  static String encode(byte[] value) {
    String text = utf8(value);
    if (text != null && !text.startsWith(PREFIX)) {
      return text;
    }
    return PREFIX + Base64.getEncoder().encodeToString(value);
  }

  /**
   * The value a material stands for.
   *
   * @throws IllegalArgumentException if it starts with {@link #PREFIX} but the rest is not Base64
   */
  static byte[] decode(String material) {
    if (material.startsWith(PREFIX)) {
      return Base64.getDecoder().decode(material.substring(PREFIX.length()));
    }
    return material.getBytes(StandardCharsets.UTF_8);
  }

  /** The text of {@code bytes} if they are valid UTF-8, else {@code null}. */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}

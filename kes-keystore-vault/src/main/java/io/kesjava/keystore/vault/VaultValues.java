package io.kesjava.keystore.vault;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Turns a stored value into the JSON string of its K/V field and back.
 *
 * <p>KES stores the value's text as is ({@code docs/keystores/vault.md}); every value KES writes is
 * ASCII (Base64 protobuf or legacy JSON), so UTF-8 text is stored as is and reads back byte for
 * byte. Bytes that are not UTF-8 cannot travel in a JSON string; they are stored as {@value
 * #BINARY} followed by their Base64, a form no KES value can take (Base64 has no colon and legacy
 * JSON starts with a brace). Text that happens to start with that marker is stored the same way, so
 * the mapping stays one to one.
 */
final class VaultValues {

  /** The marker of a value stored as Base64 (a kes-java extension). */
  static final String BINARY = "kes-java:base64:";

  private VaultValues() {}

  static String encode(byte[] value) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(value))
              .toString();
      if (!text.startsWith(BINARY)) {
        return text;
      }
    } catch (CharacterCodingException e) {
      // not UTF-8: the Base64 form below
    }
    return BINARY + Base64.getEncoder().encodeToString(value);
  }

  static byte[] decode(String stored) {
    if (stored.startsWith(BINARY)) {
      try {
        return Base64.getDecoder().decode(stored.substring(BINARY.length()));
      } catch (IllegalArgumentException e) {
        // not ours after all: the text as is
      }
    }
    return stored.getBytes(StandardCharsets.UTF_8);
  }
}

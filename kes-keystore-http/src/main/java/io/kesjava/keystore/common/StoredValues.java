package io.kesjava.keystore.common;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Stored values in backends that keep text ({@code docs/keystores/README.md#what-is-stored}). KES
 * writes ASCII text (Base64 of a protobuf, or legacy JSON), stored as is; the SPI's values are any
 * bytes, which a JSON string cannot carry. A value that is not valid UTF-8, or that starts with
 * {@link #MARK}, is therefore kept in a marked form: the mark followed by its Base64. No KES value
 * starts with the mark (a colon is neither Base64 nor the start of JSON), so KES's values read back
 * unchanged and the mapping is one to one. Vault and Gemalto store values this way; AWS and Azure
 * have a binary form of their own and use {@link #utf8} to choose it.
 *
 * <p>Shared plumbing of the key-store backends, not an API for applications: see the {@linkplain
 * io.kesjava.keystore.common package}. Thread-safety: stateless.
 */
public final class StoredValues {

  /** Marks a text that holds the Base64 of a value which is not plain text. */
  public static final String MARK = "kes-java:base64:";

  private StoredValues() {}

  /** The text of {@code value} if it is valid UTF-8, else {@code null}. */
  public static String utf8(byte[] value) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** The text that stands for {@code value}: the value as text, or the marked form. */
  public static String toText(byte[] value) {
    String text = utf8(value);
    if (text != null && !text.startsWith(MARK)) {
      return text;
    }
    return MARK + Base64.getEncoder().encodeToString(value);
  }

  /**
   * The value a stored text stands for.
   *
   * @throws IllegalArgumentException if it starts with {@link #MARK} but the rest is not Base64
   */
  public static byte[] fromText(String text) {
    if (text.startsWith(MARK)) {
      return Base64.getDecoder().decode(text.substring(MARK.length()));
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

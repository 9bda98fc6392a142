package io.kesjava.crypto;

import java.util.Base64;

/**
 * Base64 as KES reads it ({@code docs/formats.md}): the standard alphabet with mandatory {@code =}
 * padding, embedded CR and LF skipped (Go's {@code base64.StdEncoding}). The JDK decoder alone
 * would also accept input without padding.
 */
final class StrictBase64 {

  private StrictBase64() {}

  /**
   * Decodes {@code text}.
   *
   * @throws IllegalArgumentException if it is not padded standard base64; the message never
   *     contains the input
   */
  static byte[] decode(CharSequence text) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        sb.append(c);
      }
    }
    if (sb.length() % 4 != 0) {
      throw new IllegalArgumentException("illegal base64 data: length is not a multiple of 4");
    }
    try {
      return Base64.getDecoder().decode(sb.toString());
    } catch (IllegalArgumentException e) {
      // The JDK's message may quote an input character; ours does not.
      throw new IllegalArgumentException("illegal base64 data");
    }
  }

  /** Encodes {@code bytes} as padded standard base64. */
  static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}

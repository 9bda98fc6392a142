package io.kesjava.server.http;

import java.util.Base64;

/**
 * Decodes base64 as Go's {@code base64.StdEncoding}: the standard alphabet with {@code =} padding
 * required, CR and LF skipped ({@code docs/formats.md}).
 *
 * <p>Thread-safety: stateless.
 */
public final class Base64Std {

  private Base64Std() {}

  /**
   * Decodes {@code text}.
   *
   * @throws IllegalArgumentException if it is not padded standard base64
   */
  public static byte[] decode(String text) {
    String s = text;
    if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
      s = s.replace("\r", "").replace("\n", "");
    }
    if (s.length() % 4 != 0) {
      throw new IllegalArgumentException("illegal base64 data");
    }
    return Base64.getDecoder().decode(s);
  }
}

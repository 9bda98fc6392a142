package io.kesjava.core;

import java.util.Arrays;

/**
 * Finds the SubjectPublicKeyInfo of a DER certificate as raw bytes, exactly as they stand in the
 * certificate ({@code docs/formats.md#identities}): a decoder that re-encodes could change
 * non-canonical bytes.
 */
final class Der {

  private Der() {}

  /**
   * Returns the bytes of {@code tbsCertificate.subjectPublicKeyInfo}, header included.
   *
   * @throws IllegalArgumentException if the bytes are not a certificate
   */
  static byte[] subjectPublicKeyInfo(byte[] certificate) {
    int[] cert = element(certificate, 0, 0x30);
    int[] tbs = element(certificate, cert[1], 0x30);
    int pos = tbs[1];
    if ((certificate[pos] & 0xff) == 0xa0) { // [0] EXPLICIT version
      pos = element(certificate, pos, 0xa0)[2];
    }
    pos = element(certificate, pos, 0x02)[2]; // serialNumber
    pos = element(certificate, pos, 0x30)[2]; // signature
    pos = element(certificate, pos, 0x30)[2]; // issuer
    pos = element(certificate, pos, 0x30)[2]; // validity
    pos = element(certificate, pos, 0x30)[2]; // subject
    int[] spki = element(certificate, pos, 0x30);
    return Arrays.copyOfRange(certificate, spki[0], spki[2]);
  }

  /** The element at {@code pos} with tag {@code tag}: {start, content start, end}. */
  private static int[] element(byte[] der, int pos, int tag) {
    if (pos + 2 > der.length || (der[pos] & 0xff) != tag) {
      throw new IllegalArgumentException("not a DER certificate");
    }
    int len = der[pos + 1] & 0xff;
    int content = pos + 2;
    if (len >= 0x80) {
      int n = len & 0x7f;
      if (n == 0 || n > 4 || content + n > der.length) {
        throw new IllegalArgumentException("not a DER certificate");
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = (len << 8) | (der[content + i] & 0xff);
      }
      content += n;
    }
    if (len < 0 || content + len > der.length) {
      throw new IllegalArgumentException("not a DER certificate");
    }
    return new int[] {pos, content, content + len};
  }
}

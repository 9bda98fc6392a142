package io.kesjava.core.tls;

import java.util.Arrays;
import java.util.Map;

/**
 * One PEM block: its type ({@code CERTIFICATE}, {@code EC PRIVATE KEY}, ...), its RFC 1421 headers
 * and its decoded bytes. Package-private; the bytes may be key material, so {@link #toString()}
 * shows the type only.
 */
final class PemBlock {

  private final String type;
  private final Map<String, String> headers;
  private final byte[] bytes;

  PemBlock(String type, Map<String, String> headers, byte[] bytes) {
    this.type = type;
    this.headers = Map.copyOf(headers);
    this.bytes = bytes;
  }

  String type() {
    return type;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** The decoded bytes; not copied, callers must not change them and should {@link #wipe()} keys. */
  byte[] bytes() {
    return bytes;
  }

  void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "PemBlock[" + type + "]";
  }
}

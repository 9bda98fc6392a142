package io.kesjava.keystore.pem;

import java.util.Arrays;
import java.util.Map;

/**
 * One PEM block: its type ({@code CERTIFICATE}, {@code EC PRIVATE KEY}, ...), its RFC 1421 headers
 * and its decoded bytes. The bytes may be key material, so {@link #toString()}
 * shows the type only.
 */
public final class PemBlock {

  private final String type;
  private final Map<String, String> headers;
  private final byte[] bytes;

  /** A block; {@code bytes} is not copied. */
  public PemBlock(String type, Map<String, String> headers, byte[] bytes) {
    this.type = type;
    this.headers = Map.copyOf(headers);
    this.bytes = bytes;
  }

  /** The label, such as {@code CERTIFICATE}. */
  public String type() {
    return type;
  }

  /** The RFC 1421 headers (such as {@code Proc-Type}). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The decoded bytes; not copied, callers must not change them and should {@link #wipe()} keys. */
  public byte[] bytes() {
    return bytes;
  }

  /** Zeroes the bytes. */
  public void wipe() {
    Arrays.fill(bytes, (byte) 0);
  }

  @Override
  public String toString() {
    return "PemBlock[" + type + "]";
  }
}

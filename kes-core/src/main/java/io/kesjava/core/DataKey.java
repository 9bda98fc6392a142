package io.kesjava.core;

import io.kesjava.crypto.SecretBytes;
import java.util.Objects;

/**
 * A data encryption key: the plaintext key to encrypt data with now, and its ciphertext under a
 * master key to store beside the data ({@code docs/formats.md#data-encryption-keys}).
 *
 * <p>Thread-safety: safe for concurrent reads; {@link #close()} zeroes the plaintext.
 *
 * <p>Security: {@link #toString()} never shows the plaintext. Close the key as soon as the data is
 * encrypted.
 */
public final class DataKey implements AutoCloseable {

  private final SecretBytes plaintext;
  private final byte[] ciphertext;

  /**
   * @param plaintext the key; owned by this object from now on
   * @param ciphertext the key encrypted under the master key; copied
   */
  public DataKey(SecretBytes plaintext, byte[] ciphertext) {
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
  }

  /** The plaintext key. Closing the returned object closes this data key's copy too. */
  public SecretBytes plaintext() {
    return plaintext;
  }

  /** A copy of the ciphertext: the key encrypted under the master key. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** Zeroes the plaintext key. */
  @Override
  public void close() {
    plaintext.close();
  }

  @Override
  public String toString() {
    return "DataKey[plaintext=redacted, ciphertext=" + ciphertext.length + " bytes]";
  }
}

package io.kesjava.core;

import io.kesjava.crypto.SecretBytes;
import java.util.Objects;
import java.util.Optional;

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
  private final String version;

  /**
   * A data key of a key that was never rotated.
   *
   * @param plaintext the key; owned by this object from now on
   * @param ciphertext the key encrypted under the master key; copied
   */
  public DataKey(SecretBytes plaintext, byte[] ciphertext) {
    this(plaintext, ciphertext, "");
  }

  /**
   * A data key encrypted under one version of a rotated key ({@code docs/rotation.md}).
   *
   * @param plaintext the key; owned by this object from now on
   * @param ciphertext the key encrypted under the master key; copied
   * @param version the master key's version, or empty if the key was never rotated
   */
  public DataKey(SecretBytes plaintext, byte[] ciphertext, String version) {
    this.plaintext = Objects.requireNonNull(plaintext, "plaintext");
    this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    this.version = Objects.requireNonNull(version, "version");
  }

  /** The plaintext key. Closing the returned object closes this data key's copy too. */
  public SecretBytes plaintext() {
    return plaintext;
  }

  /** A copy of the ciphertext: the key encrypted under the master key. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /**
   * The version of the master key the ciphertext was made with, as the service named it; empty
   * when the key was never rotated (its answers name no version, and version {@code 1} is meant).
   * Pass it to {@link Kes#decrypt(String, byte[], byte[], String)} to skip trying other versions.
   */
  public Optional<String> version() {
    return version.isEmpty() ? Optional.empty() : Optional.of(version);
  }

  /** Zeroes the plaintext key. */
  @Override
  public void close() {
    plaintext.close();
  }

  @Override
  public String toString() {
    return "DataKey[plaintext=redacted, ciphertext=" + ciphertext.length + " bytes"
        + (version.isEmpty() ? "" : ", version=" + version) + "]";
  }
}

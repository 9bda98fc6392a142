package io.kesjava.core;

import java.util.Objects;
import java.util.Optional;

/**
 * A ciphertext from {@link Kes#encryptVersioned(String, byte[], byte[])}, with the version of the
 * master key that made it ({@code docs/rotation.md}).
 *
 * <p>Thread-safety: immutable.
 */
public final class Encrypted {

  private final byte[] ciphertext;
  private final String version;

  /**
   * @param ciphertext the ciphertext; copied
   * @param version the master key's version, or empty if the key was never rotated
   */
  public Encrypted(byte[] ciphertext, String version) {
    this.ciphertext = Objects.requireNonNull(ciphertext, "ciphertext").clone();
    this.version = Objects.requireNonNull(version, "version");
  }

  /** A copy of the ciphertext. */
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  /** The master key's version; empty when the key was never rotated (version {@code 1}). */
  public Optional<String> version() {
    return version.isEmpty() ? Optional.empty() : Optional.of(version);
  }

  @Override
  public String toString() {
    return "Encrypted[" + ciphertext.length + " bytes"
        + (version.isEmpty() ? "" : ", version=" + version) + "]";
  }
}

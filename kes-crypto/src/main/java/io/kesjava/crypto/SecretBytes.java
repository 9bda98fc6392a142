package io.kesjava.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Secret key material: a byte array that is copied in and out, never printed, compared in constant
 * time and zeroed on {@link #close()}.
 *
 * <p>Thread-safety: safe for concurrent reads; closing while another thread reads is a programming
 * error that yields either the bytes or an {@link IllegalStateException}.
 *
 * <p>Security: zeroing is best effort on the JVM. The garbage collector may have copied the array
 * before it is zeroed, and callers hold their own copies from {@link #bytes()}: zero those too.
 * There is deliberately no {@code equals}: use {@link #equalsConstantTime(SecretBytes)}.
 */
public final class SecretBytes implements AutoCloseable {

  private final byte[] bytes;
  private volatile boolean closed;

  private SecretBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Returns a secret holding a copy of {@code bytes}; the caller should zero its own array. */
  public static SecretBytes copyOf(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes").clone());
  }

  /**
   * Returns a secret that takes ownership of {@code bytes} without copying: the caller must not use
   * the array afterwards.
   */
  public static SecretBytes wrap(byte[] bytes) {
    return new SecretBytes(Objects.requireNonNull(bytes, "bytes"));
  }

  /** Returns {@code length} bytes from a cryptographically secure random source. */
  public static SecretBytes random(int length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must not be negative: " + length);
    }
    byte[] b = new byte[length];
    Randomness.nextBytes(b);
    return new SecretBytes(b);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /**
   * Returns a copy of the bytes; zero it when done.
   *
   * @throws IllegalStateException if closed
   */
  public byte[] bytes() {
    byte[] copy = bytes.clone();
    checkOpen();
    return copy;
  }

  /** The bytes without a copy, for this package's ciphers only. */
  byte[] borrow() {
    checkOpen();
    return bytes;
  }

  /**
   * Compares with another secret in time that depends only on the lengths.
   *
   * @throws IllegalStateException if either is closed
   */
  public boolean equalsConstantTime(SecretBytes other) {
    Objects.requireNonNull(other, "other");
    return MessageDigest.isEqual(borrow(), other.borrow());
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  /** Zeroes the bytes; further reads fail. Idempotent. */
  @Override
  public void close() {
    closed = true;
    Arrays.fill(bytes, (byte) 0);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("secret is closed");
    }
  }

  @Override
  public String toString() {
    return "SecretBytes[redacted, " + bytes.length + " bytes]";
  }
}

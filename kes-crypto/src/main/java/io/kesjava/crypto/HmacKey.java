package io.kesjava.crypto;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * A 32-byte HMAC-SHA256 key, stored beside a master key in current key versions and used by {@code
 * /v1/key/hmac} ({@code docs/formats.md#hmac}).
 *
 * <p>Thread-safety: safe for concurrent use, until {@link #close()}.
 *
 * <p>Nullness: no argument is null and nothing returned is null.
 *
 * <p>Security: the key is independent of the master key and random per key version. It never
 * appears in {@link #toString()} or an exception message. The SHA-256 states of its HMAC pads, made
 * on first use, are key material too and are zeroed with it on {@link #close()}; zeroing is best
 * effort (see {@link SecretBytes}).
 */
public final class HmacKey implements AutoCloseable {

  /** The length of an HMAC key in bytes. */
  public static final int KEY_LENGTH = 32;

  private final SecretBytes key;
  /** HMAC-SHA256 from precomputed pad states: made on first use, closed with the key. */
  private volatile HmacSha256 hmac;

  private static final AtomicReferenceFieldUpdater<HmacKey, HmacSha256> HMAC =
      AtomicReferenceFieldUpdater.newUpdater(HmacKey.class, HmacSha256.class, "hmac");

  private HmacKey(SecretBytes key) {
    this.key = key;
  }

  /**
   * Returns an HMAC key holding a copy of {@code key}.
   *
   * @throws NullPointerException if {@code key} is null
   * @throws IllegalArgumentException unless {@code key} is 32 bytes long
   * @throws IllegalStateException if {@code key} is closed
   */
  public static HmacKey of(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.length() != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "an HMAC key must be " + KEY_LENGTH + " bytes long, not " + key.length());
    }
    return new HmacKey(SecretBytes.copyOf(key.borrow()));
  }

  /** Returns a new HMAC key of 32 random bytes. */
  public static HmacKey generate() {
    return new HmacKey(SecretBytes.random(KEY_LENGTH));
  }

  /**
   * Returns HMAC-SHA256 of {@code message} under this key: 32 bytes.
   *
   * @param message any length, including empty
   * @throws NullPointerException if {@code message} is null
   * @throws IllegalStateException if the key is closed
   */
  public byte[] mac(byte[] message) {
    Objects.requireNonNull(message, "message");
    key.borrow(); // closed: IllegalStateException
    return hmac().mac(message);
  }

  private HmacSha256 hmac() {
    return HmacSha256.lazily(this, HMAC, key);
  }

  /**
   * Returns a copy of the key bytes, for storage; close it when done.
   *
   * @throws IllegalStateException if the key is closed
   */
  public SecretBytes secret() {
    return SecretBytes.copyOf(key.borrow());
  }

  /** Zeroes the key; further use throws {@link IllegalStateException}. Idempotent. */
  @Override
  public void close() {
    key.close();
    HmacSha256.closeIfMade(hmac);
  }

  /** Returns {@code HmacKey[SHA256, redacted]}; never the key. */
  @Override
  public String toString() {
    return "HmacKey[SHA256, redacted]";
  }
}

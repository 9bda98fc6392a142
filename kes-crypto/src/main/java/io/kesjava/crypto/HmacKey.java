package io.kesjava.crypto;

import java.util.Objects;

/**
 * A 32-byte HMAC-SHA256 key, stored beside a master key in current key versions and used by {@code
 * /v1/key/hmac} ({@code docs/formats.md#hmac}).
 *
 * <p>Thread-safety: safe for concurrent use, until {@link #close()}.
 *
 * <p>Nullness: no argument is null and nothing returned is null.
 *
 * <p>Security: the key is independent of the master key and random per key version. It never
 * appears in {@link #toString()} or an exception message. A key in steady use keeps the SHA-256
 * states of its HMAC pads (16 uses in a row, each within a millisecond of the one before, make them;
 * until then each MAC is computed on a per-thread SHA-256 digest that keeps nothing of the key);
 * they are key material too and are zeroed with it on {@link #close()}; zeroing is best effort
 * (see {@link SecretBytes}).
 */
public final class HmacKey extends SymmetricKey {

  /** The length of an HMAC key in bytes. */
  public static final int KEY_LENGTH = 32;

  private HmacKey(SecretBytes key) {
    super(key);
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
    byte[] out = new byte[HmacSha256.LENGTH];
    mac(message, 0, message.length, out, 0);
    return out;
  }

  /** Returns {@code HmacKey[SHA256, redacted]}; never the key. */
  @Override
  public String toString() {
    return "HmacKey[SHA256, redacted]";
  }
}

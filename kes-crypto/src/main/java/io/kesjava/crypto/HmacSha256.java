package io.kesjava.crypto;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA256 (RFC 2104) under one fixed key, from SHA-256 states that already absorbed the key's
 * inner and outer pads: each MAC copies the two states ({@link MessageDigest#clone()}) and
 * compresses the message and the inner hash, two compressions fewer than {@code Mac.init} and
 * {@code doFinal} for a short message. The output is the JCA's {@code HmacSHA256}, byte for byte.
 *
 * <p>If the JDK's SHA-256 cannot be copied (a provider without {@code clone}), every MAC goes
 * through {@link Primitives#hmacSha256} instead.
 *
 * <p>Thread-safety: safe for concurrent use until {@link #close()}: the primed states are only
 * ever copied, never updated.
 *
 * <p>Security: the primed states are key material. They live as long as the key that owns them
 * ({@link MasterKey}, {@link HmacKey}) and are reset, which zeroes them, when it is closed.
 */
final class HmacSha256 implements AutoCloseable {

  static final int LENGTH = 32;
  static final int BLOCK = 64;

  /** SHA-256 after {@code K ^ 0x36..}; {@code null} when the digest cannot be copied. */
  private final MessageDigest inner;
  /** SHA-256 after {@code K ^ 0x5c..}; {@code null} when the digest cannot be copied. */
  private final MessageDigest outer;
  /** The key, kept only when the digest cannot be copied. */
  private final byte[] fallbackKey;
  private volatile boolean closed;

  private HmacSha256(MessageDigest inner, MessageDigest outer, byte[] fallbackKey) {
    this.inner = inner;
    this.outer = outer;
    this.fallbackKey = fallbackKey;
  }

  /** Prepares HMAC-SHA256 under {@code key} (at most 64 bytes; KES's keys have 32). */
  static HmacSha256 of(byte[] key) {
    byte[] pad = new byte[BLOCK];
    try {
      MessageDigest in = primed(key, pad, (byte) 0x36);
      MessageDigest out = primed(key, pad, (byte) 0x5c);
      return new HmacSha256(in, out, null);
    } catch (CloneNotSupportedException e) {
      return new HmacSha256(null, null, key.clone());
    } finally {
      Arrays.fill(pad, (byte) 0);
    }
  }

  /**
   * Writes RFC 2104's padded key block, {@code key ^ fill} padded with {@code fill} to 64 bytes,
   * into {@code pad}: the one block HMAC hashes before the message ({@code 0x36}) and before the
   * inner hash ({@code 0x5c}).
   *
   * @throws IllegalArgumentException if the key is longer than a block (KES's keys have 32 bytes)
   */
  static void pad(byte[] key, byte[] pad, byte fill) {
    if (key.length > BLOCK) {
      throw new IllegalArgumentException("an HMAC-SHA256 key here has at most 64 bytes");
    }
    Arrays.fill(pad, fill);
    for (int i = 0; i < key.length; i++) {
      pad[i] = (byte) (key[i] ^ fill);
    }
  }

  /**
   * A SHA-256 state that absorbed {@code key ^ fill} padded to a block. The copy is returned, not
   * the digest that did the work, so that no scratch space of that compression stays with the key.
   */
  private static MessageDigest primed(byte[] key, byte[] pad, byte fill)
      throws CloneNotSupportedException {
    pad(key, pad, fill);
    MessageDigest d = sha256();
    d.update(pad);
    MessageDigest copy = (MessageDigest) d.clone();
    d.reset();
    return copy;
  }

  /**
   * Writes HMAC(key, {@code message[off:off+len]}) to {@code out[outOff:outOff+32]}.
   *
   * @throws IllegalStateException if closed, before or while computing (then {@code out} is zeroed)
   */
  void mac(byte[] message, int off, int len, byte[] out, int outOff) {
    checkOpen();
    if (inner == null) {
      Primitives.hmacSha256(fallbackKey, message, off, len, out, outOff);
      return;
    }
    byte[] innerHash = new byte[LENGTH];
    try {
      MessageDigest in = (MessageDigest) inner.clone();
      in.update(message, off, len);
      in.digest(innerHash, 0, LENGTH); // and resets the copy
      MessageDigest o = (MessageDigest) outer.clone();
      o.update(innerHash);
      o.digest(out, outOff, LENGTH);
      if (closed) { // reset under this computation: the result may be unkeyed
        Arrays.fill(out, outOff, outOff + LENGTH, (byte) 0);
        checkOpen();
      }
    } catch (CloneNotSupportedException | DigestException e) {
      throw new IllegalStateException("SHA-256 failed", e); // cloned once already in of()
    } finally {
      Arrays.fill(innerHash, (byte) 0);
    }
  }

  /** HMAC(key, message): 32 bytes. */
  byte[] mac(byte[] message) {
    byte[] out = new byte[LENGTH];
    mac(message, 0, message.length, out, 0);
    return out;
  }

  /** Zeroes the primed states (a reset restores SHA-256's public initial state). Idempotent. */
  @Override
  public void close() {
    closed = true;
    if (inner != null) {
      inner.reset();
      outer.reset();
    } else {
      Arrays.fill(fallbackKey, (byte) 0);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("key is closed");
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  @Override
  public String toString() {
    return "HmacSha256[redacted]";
  }
}

package io.kesjava.crypto;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What {@link MasterKey} and {@link HmacKey} have in common: 32 secret bytes, the SHA-256 states of
 * their HMAC pads (made on first use, two compressions, kept until the key is closed), a copy for
 * storage, and closing. Package-private: the two public key types are the API.
 *
 * <p>Thread-safety: safe for concurrent use, until {@link #close()}.
 */
abstract class SymmetricKey implements AutoCloseable {

  /** The key bytes, owned by this key. */
  final SecretBytes key;
  /** HMAC-SHA256 under {@link #key} from precomputed pad states: made on first use. */
  private volatile HmacSha256 hmac;

  private static final AtomicReferenceFieldUpdater<SymmetricKey, HmacSha256> HMAC =
      AtomicReferenceFieldUpdater.newUpdater(SymmetricKey.class, HmacSha256.class, "hmac");

  SymmetricKey(SecretBytes key) {
    this.key = key;
  }

  /**
   * HMAC-SHA256 under this key. Of two threads that make the pad states at once, one keeps its own
   * and the other closes its copy; if the key was closed meanwhile, the new states are closed too
   * ({@link #close()} may have read the field before it was set).
   *
   * @throws IllegalStateException if the key is closed
   */
  final HmacSha256 hmac() {
    HmacSha256 h = hmac;
    if (h == null) {
      h = HmacSha256.of(key.borrow());
      if (!HMAC.compareAndSet(this, null, h)) {
        h.close();
        h = hmac;
      } else if (key.isClosed()) {
        h.close();
      }
    }
    return h;
  }

  /**
   * Returns a copy of the key bytes, for export or storage; close it when done.
   *
   * @throws IllegalStateException if the key is closed
   */
  public SecretBytes secret() {
    return SecretBytes.copyOf(key.borrow());
  }

  /**
   * Zeroes the key and its pad states; further use throws {@link IllegalStateException}.
   * Idempotent.
   */
  @Override
  public void close() {
    key.close();
    HmacSha256 h = hmac;
    if (h != null) {
      h.close();
    }
  }
}

package io.kesjava.crypto;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What {@link MasterKey} and {@link HmacKey} have in common: 32 secret bytes, HMAC-SHA256 under
 * them, a copy for storage, and closing. Package-private: the two public key types are the API.
 *
 * <p>HMAC-SHA256 comes two ways, with the same result. A key in steady use ({@value #HOT_STREAK}
 * uses in a row, each within {@value #HOT_GAP_NANOS} ns of the one before) keeps the SHA-256
 * states of its HMAC pads, made once, and each MAC copies them: two compressions and no key
 * schedule, the fastest way for a hot key. Until then each MAC hashes the padded key bytes on a
 * per-thread SHA-256 digest (RFC 2104 as written): two compressions more, but the pad states are
 * about 1 KiB of objects that
 * a MAC must walk, and with many keys each used now and then that memory is never in the CPU
 * caches and costs more than it saves (measured in BENCHMARKS.md). A key that was hot keeps its pad
 * states until it is closed, even if it cools down; the engine's key cache replaces its key
 * objects when they expire, which bounds that.
 *
 * <p>Thread-safety: safe for concurrent use, until {@link #close()}. The use counter is a hint
 * written without synchronization: a lost update only moves the switch by a use or two.
 *
 * <p>Security: the pad states are key material like the key; they are made only from it, never
 * printed, and zeroed with it on {@link #close()} (best effort, see {@link SecretBytes}). The other
 * way leaves nothing of the key behind: its padded key blocks live in a buffer zeroed after the
 * MAC, and the digest resets itself after each hash (a JCA {@code Mac} would keep the key's pads
 * until its next key, and a {@code SecretKeySpec} copy of the key for the garbage collector).
 */
abstract class SymmetricKey implements AutoCloseable {

  /** How many uses in a row (the first counts), each soon after the one before, make a key hot. */
  static final int HOT_STREAK = 16;
  /** How soon after the previous use a use must come to extend the streak: 1 ms. */
  static final long HOT_GAP_NANOS = 1_000_000L;

  /** The key bytes, owned by this key. */
  final SecretBytes key;
  /** HMAC-SHA256 under {@link #key} from precomputed pad states: made once the key is hot. */
  private volatile HmacSha256 hmac;
  /** {@link System#nanoTime()} of the last use without pad states. */
  private long lastUse;
  /** Uses in a row, the first included, each within {@link #HOT_GAP_NANOS} of the one before. */
  private int streak;

  private static final AtomicReferenceFieldUpdater<SymmetricKey, HmacSha256> HMAC =
      AtomicReferenceFieldUpdater.newUpdater(SymmetricKey.class, HmacSha256.class, "hmac");

  SymmetricKey(SecretBytes key) {
    this.key = key;
  }

  /**
   * Writes HMAC-SHA256 of {@code in[off:off+len]} under this key to {@code out[outOff:+32]}.
   *
   * @throws IllegalStateException if the key is closed
   */
  final void mac(byte[] in, int off, int len, byte[] out, int outOff) {
    HmacSha256 h = hmac;
    if (h == null && countUse(System.nanoTime())) {
      h = padStates();
    }
    if (h != null) {
      h.mac(in, off, len, out, outOff);
    } else {
      Primitives.hmacSha256(key.borrow(), in, off, len, out, outOff);
      checkNotClosedDuring(out, outOff, HmacSha256.LENGTH);
    }
  }

  /**
   * After a computation from the key bytes: if the key was closed meanwhile, the bytes may have been
   * zeroed under it and the result computed from zeros, so it is wiped and the call fails, as if
   * the key had been closed before.
   *
   * @throws IllegalStateException if the key is closed
   */
  final void checkNotClosedDuring(byte[] out, int outOff, int len) {
    if (key.isClosed()) {
      Arrays.fill(out, outOff, outOff + len, (byte) 0);
      key.borrow(); // throws
    }
  }

  /** Counts a use at {@code now} without pad states; returns whether the key is hot now. */
  final boolean countUse(long now) {
    int s = now - lastUse < HOT_GAP_NANOS ? streak + 1 : 1;
    lastUse = now;
    streak = s;
    return s >= HOT_STREAK;
  }

  /** Whether this key has made its pad states (for tests). */
  final boolean hasPadStates() {
    return hmac != null;
  }

  /**
   * The pad states, made now if need be. Of two threads that make them at once, one keeps its own
   * and the other closes its copy; if the key was closed meanwhile, the new states are closed too
   * ({@link #close()} may have read the field before it was set).
   *
   * @throws IllegalStateException if the key is closed
   */
  private HmacSha256 padStates() {
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

package io.kesjava.crypto;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProviderException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The JCA operations behind {@link MasterKey} and {@link HmacKey}: HMAC-SHA256 on a SHA-256 digest
 * (for a key that has no precomputed {@link HmacSha256} pad states yet, see {@link SymmetricKey}),
 * and AEAD seal/open with the nonce read where it lies in the ciphertext.
 *
 * <p>{@code MessageDigest} and {@code Cipher} objects are kept per thread: fresh ones cost a
 * provider look-up each ({@code BENCHMARKS.md}, the performance pass). A cipher still holds the
 * last per-message key it was initialised with; the JCA gives no way to wipe that, so zeroing is
 * best effort. A digest holds nothing of a key once its hash is done.
 *
 * <p>Virtual threads (Java 21+) usually live for one request, so per-thread objects would be made
 * anew for every request (provider look-up and all: several percent of the server's CPU time per
 * request on Java 25, {@code BENCHMARKS.md}). They borrow objects from small pools instead and
 * give them back after the call, which costs two lock-free deque operations.
 */
final class Primitives {

  static final int KEY_LENGTH = 32;
  static final int IV_LENGTH = 16;
  static final int NONCE_LENGTH = 12;
  static final int TAG_LENGTH = 16;
  /** iv || nonce, appended to every current-format ciphertext. */
  static final int RANDOM_LENGTH = IV_LENGTH + NONCE_LENGTH;

  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(HmacSha256::sha256);
  /** One slot per {@link KeyAlgorithm}, by ordinal. */
  private static final ThreadLocal<Cipher[]> CIPHERS =
      ThreadLocal.withInitial(() -> new Cipher[KeyAlgorithm.values().length]);
  private static final int POOL_LIMIT = 4 * Runtime.getRuntime().availableProcessors() + 4;
  private static final Pool<MessageDigest> DIGEST_POOL = new Pool<>();
  /** One pool per {@link KeyAlgorithm}, by ordinal. */
  private static final Pool<?>[] CIPHER_POOLS = {new Pool<Cipher>(), new Pool<Cipher>()};

  private Primitives() {}

  /**
   * Writes HMAC-SHA256 of {@code in[off:off+len]} under {@code key} (at most 64 bytes) to {@code
   * out[outOff:+32]}: RFC 2104 on this thread's SHA-256 digest (or one from the pool on a virtual
   * thread). Unlike a JCA {@code Mac}, which keeps the key's pads until it is given another key, the
   * digest keeps nothing of the key: the padded key blocks are hashed straight from a local buffer
   * that is zeroed afterwards, and a digest resets itself after each hash.
   */
  static void hmacSha256(byte[] key, byte[] in, int off, int len, byte[] out, int outOff) {
    boolean pooled = Randomness.onVirtualThread();
    MessageDigest sha = pooled ? DIGEST_POOL.poll() : SHA256.get();
    if (sha == null) {
      sha = HmacSha256.sha256();
    }
    byte[] pad = new byte[HmacSha256.BLOCK];
    byte[] innerHash = new byte[HmacSha256.LENGTH];
    try {
      HmacSha256.pad(key, pad, (byte) 0x36);
      sha.update(pad);
      sha.update(in, off, len);
      sha.digest(innerHash, 0, innerHash.length);
      HmacSha256.pad(key, pad, (byte) 0x5c);
      sha.update(pad);
      sha.update(innerHash);
      sha.digest(out, outOff, HmacSha256.LENGTH);
    } catch (DigestException e) {
      sha.reset();
      throw new IllegalStateException("SHA-256 failed", e);
    } finally {
      Arrays.fill(pad, (byte) 0);
      Arrays.fill(innerHash, (byte) 0);
      if (pooled) {
        DIGEST_POOL.offer(sha);
      }
    }
  }

  /**
   * Seals {@code plaintext} into {@code out[0 : plaintext.length + 16]} (ciphertext and tag) under
   * {@code key}, with the 12-byte nonce read in place at {@code out[nonceOff:]}: the caller has
   * written the trailer (iv and nonce) behind the sealed part already.
   */
  static void seal(KeyAlgorithm algorithm, byte[] key, byte[] plaintext, byte[] aad, byte[] out,
      int nonceOff) {
    boolean pooled = Randomness.onVirtualThread();
    Cipher cipher = initialised(algorithm, Cipher.ENCRYPT_MODE, key, out, nonceOff, pooled);
    try {
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      int n = cipher.doFinal(plaintext, 0, plaintext.length, out, 0);
      if (n != plaintext.length + TAG_LENGTH) {
        throw new IllegalStateException("unexpected AEAD output length " + n);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " encryption failed", e);
    } finally {
      if (pooled) {
        cipherPool(algorithm).offer(cipher);
      }
    }
  }

  /**
   * Opens {@code sealed[0:length]} with the 12-byte nonce read in place at {@code
   * sealed[nonceOff:]}.
   *
   * @throws NotAuthenticException if it does not authenticate
   */
  static byte[] open(
      KeyAlgorithm algorithm, byte[] key, byte[] sealed, int length, int nonceOff, byte[] aad) {
    if (length < TAG_LENGTH) {
      // Java 17's AES-GCM throws a ProviderException here instead of a bad-tag exception.
      throw new NotAuthenticException();
    }
    boolean pooled = Randomness.onVirtualThread();
    Cipher cipher = initialised(algorithm, Cipher.DECRYPT_MODE, key, sealed, nonceOff, pooled);
    try {
      if (aad.length > 0) {
        cipher.updateAAD(aad);
      }
      return cipher.doFinal(sealed, 0, length);
    } catch (GeneralSecurityException | ProviderException e) {
      // Whatever the reason, the same answer (docs/formats.md#ciphertexts). ProviderException: JDK
      // ciphers wrap some input errors in it; the input is attacker-controlled, so it must not
      // escape as a 500.
      throw new NotAuthenticException();
    } finally {
      if (pooled) {
        cipherPool(algorithm).offer(cipher);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Pool<Cipher> cipherPool(KeyAlgorithm algorithm) {
    return (Pool<Cipher>) CIPHER_POOLS[algorithm.ordinal()];
  }

  /**
   * An initialised cipher: this thread's own, or, when {@code pooled}, one taken from the pool
   * that the caller gives back.
   */
  private static Cipher initialised(KeyAlgorithm algorithm, int mode, byte[] key, byte[] nonce,
      int nonceOff, boolean pooled) {
    Cipher[] slots = pooled ? null : CIPHERS.get();
    Cipher cipher = pooled ? cipherPool(algorithm).poll() : slots[algorithm.ordinal()];
    if (cipher == null) {
      cipher = newCipher(algorithm);
    }
    SecretKeySpec keySpec;
    AlgorithmParameterSpec params;
    if (algorithm == KeyAlgorithm.AES256) {
      keySpec = new SecretKeySpec(key, "AES");
      params = new GCMParameterSpec(TAG_LENGTH * 8, nonce, nonceOff, NONCE_LENGTH);
    } else {
      keySpec = new SecretKeySpec(key, "ChaCha20");
      params = new IvParameterSpec(nonce, nonceOff, NONCE_LENGTH);
    }
    try {
      cipher.init(mode, keySpec, params);
    } catch (InvalidKeyException | InvalidAlgorithmParameterException first) {
      // Java 17 refuses to re-initialise a cipher with the key and nonce it had last time (AES-GCM
      // when encrypting, ChaCha20-Poly1305 always). Here a repeat is legitimate: decrypting what
      // this thread just encrypted, or one ciphertext twice. Encryption repeats only if 28 random
      // bytes repeat (or in the deterministic test hook), because the key is derived from the
      // random iv. A fresh instance has no memory of the previous initialisation.
      cipher = newCipher(algorithm);
      try {
        cipher.init(mode, keySpec, params);
      } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
        e.addSuppressed(first);
        throw new IllegalStateException(algorithm + " cipher rejected a key or nonce", e);
      }
    }
    if (!pooled) {
      slots[algorithm.ordinal()] = cipher;
    }
    return cipher;
  }

  /** A bounded stack of reusable JCA objects, most recently used first. Thread-safe. */
  private static final class Pool<T> {
    private final ConcurrentLinkedDeque<T> items = new ConcurrentLinkedDeque<>();
    private final AtomicInteger size = new AtomicInteger();

    /** An object, or {@code null} if the pool is empty. */
    T poll() {
      T t = items.pollFirst();
      if (t != null) {
        size.decrementAndGet();
      }
      return t;
    }

    /** Gives an object back; beyond the limit it is dropped. */
    void offer(T t) {
      if (size.incrementAndGet() <= POOL_LIMIT) {
        items.offerFirst(t);
      } else {
        size.decrementAndGet();
      }
    }
  }

  private static Cipher newCipher(KeyAlgorithm algorithm) {
    String transformation =
        algorithm == KeyAlgorithm.AES256 ? "AES/GCM/NoPadding" : "ChaCha20-Poly1305";
    try {
      return Cipher.getInstance(transformation);
    } catch (NoSuchAlgorithmException | NoSuchPaddingException e) {
      throw new IllegalStateException(transformation + " is not available in this JDK", e);
    }
  }
}

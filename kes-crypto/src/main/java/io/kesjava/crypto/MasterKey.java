package io.kesjava.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte master key that encrypts and decrypts small messages, such as data keys, in KES's
 * ciphertext format ({@code docs/formats.md#key-types}).
 *
 * <p>{@link #encrypt} writes the current format {@code sealed || iv(16) || nonce(12)}: a fresh random
 * iv derives a per-message key (HMAC-SHA256(K, iv) for {@link KeyAlgorithm#AES256}, HChaCha20(K, iv)
 * for {@link KeyAlgorithm#CHACHA20}), which seals the plaintext with AES-256-GCM or
 * ChaCha20-Poly1305 under a fresh random nonce and the associated data. {@link #decrypt} reads that
 * format and the two legacy ones (MessagePack of v0.20 to v0.22, JSON of v0.19 and earlier).
 *
 * <p>Thread-safety: safe for concurrent use, until {@link #close()}.
 *
 * <p>Nullness: no argument is null and nothing returned is null.
 *
 * <p>Security: the key bytes never appear in {@link #toString()} or an exception message. Every
 * decryption failure throws the same {@link NotAuthenticException}. An AES256 key in steady use (16
 * uses in a row, each within a millisecond of the one before) keeps the SHA-256 states of its HMAC
 * pads, which make its per-message keys faster; until then they are computed on a per-thread
 * SHA-256 digest that keeps nothing of the key. The pad states are key material like the key, never
 * printed, zeroed on {@link #close()}. Per-message keys are zeroed after use; the JCA ciphers
 * reused per thread keep a copy of the last per-message key until their next use, the JCA's key
 * objects for it hold copies that are left to the garbage collector, and zeroing on the JVM is
 * best effort in any case (see {@link SecretBytes}). Each encryption draws 28 random bytes, so one key should not
 * encrypt more than about 2^32 messages.
 */
public final class MasterKey extends SymmetricKey {

  /** The length of a master key in bytes. */
  public static final int KEY_LENGTH = Primitives.KEY_LENGTH;

  private final KeyAlgorithm algorithm;
  /**
   * True for a key read from legacy JSON without an algorithm (v0.19 and earlier): such keys had no
   * fixed algorithm, so a legacy ciphertext's own algorithm decides (our deviation from KES, see
   * {@code docs/formats.md#ciphertexts}).
   */
  private final boolean algorithmUndefined;

  private MasterKey(KeyAlgorithm algorithm, SecretBytes key, boolean algorithmUndefined) {
    super(key);
    this.algorithm = algorithm;
    this.algorithmUndefined = algorithmUndefined;
  }

  /**
   * Returns a master key of the given type holding a copy of {@code key}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException unless {@code key} is 32 bytes long
   * @throws IllegalStateException if {@code key} is closed
   */
  public static MasterKey of(KeyAlgorithm algorithm, SecretBytes key) {
    Objects.requireNonNull(algorithm, "algorithm");
    return new MasterKey(algorithm, copy(key), false);
  }

  /**
   * A key read from legacy JSON without an {@code algorithm} member: typed AES256, yet a legacy
   * ciphertext's own algorithm decides.
   */
  static MasterKey ofUndefinedAlgorithm(SecretBytes key) {
    return new MasterKey(KeyAlgorithm.AES256, copy(key), true);
  }

  private static SecretBytes copy(SecretBytes key) {
    Objects.requireNonNull(key, "key");
    if (key.length() != KEY_LENGTH) {
      throw new IllegalArgumentException(
          "a master key must be " + KEY_LENGTH + " bytes long, not " + key.length());
    }
    return SecretBytes.copyOf(key.borrow());
  }

  /**
   * Returns a new master key of 32 random bytes.
   *
   * @throws NullPointerException if {@code algorithm} is null
   */
  public static MasterKey generate(KeyAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    return new MasterKey(algorithm, SecretBytes.random(KEY_LENGTH), false);
  }

  /** The key type, which decides the per-message derivation and the AEAD. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** Whether this key came from legacy storage that fixed no algorithm. */
  boolean isAlgorithmUndefined() {
    return algorithmUndefined;
  }

  /**
   * Encrypts {@code plaintext} with {@code associatedData} bound to it, in the current format
   * ({@code docs/formats.md#ciphertexts}): the result is 44 bytes longer than the plaintext.
   *
   * @param plaintext any length, including empty
   * @param associatedData the context; empty means none
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the key is closed
   */
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] out = output(plaintext.length);
    byte[] random = new byte[Primitives.RANDOM_LENGTH];
    Randomness.nextBytes(random);
    System.arraycopy(random, 0, out, out.length - Primitives.RANDOM_LENGTH,
        Primitives.RANDOM_LENGTH);
    seal(algorithm, plaintext, associatedData, out);
    return out;
  }

  /**
   * Fills {@code secret} with random bytes and returns their encryption under this key, as {@link
   * #encrypt} would: a data key made and sealed at once. The secret, the iv and the nonce come
   * from one call of the random source, which costs less than two.
   *
   * @param secret filled with random bytes (any length); the caller owns and zeroes it
   * @param associatedData the context; empty means none
   * @return the ciphertext of {@code secret}, 44 bytes longer than it
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the key is closed
   */
  public byte[] encryptRandom(byte[] secret, byte[] associatedData) {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] out = output(secret.length);
    byte[] random = new byte[secret.length + Primitives.RANDOM_LENGTH];
    try {
      Randomness.nextBytes(random);
      System.arraycopy(random, 0, secret, 0, secret.length);
      System.arraycopy(random, secret.length, out, out.length - Primitives.RANDOM_LENGTH,
          Primitives.RANDOM_LENGTH);
    } finally {
      Arrays.fill(random, 0, secret.length, (byte) 0);
    }
    seal(algorithm, secret, associatedData, out);
    return out;
  }

  /** Encrypts with the 28 "random" bytes given: iv = random[0:16], nonce = random[16:28]. */
  byte[] encrypt(byte[] plaintext, byte[] associatedData, byte[] random) {
    Objects.requireNonNull(plaintext, "plaintext");
    Objects.requireNonNull(associatedData, "associatedData");
    if (random.length != Primitives.RANDOM_LENGTH) {
      throw new IllegalArgumentException("need " + Primitives.RANDOM_LENGTH + " random bytes");
    }
    byte[] out = output(plaintext.length);
    System.arraycopy(random, 0, out, out.length - Primitives.RANDOM_LENGTH,
        Primitives.RANDOM_LENGTH);
    seal(algorithm, plaintext, associatedData, out);
    return out;
  }

  /** A ciphertext buffer for {@code length} bytes of plaintext: {@code sealed || iv || nonce}. */
  private static byte[] output(int length) {
    if (length > Integer.MAX_VALUE - Primitives.TAG_LENGTH - Primitives.RANDOM_LENGTH - 16) {
      throw new IllegalArgumentException("plaintext is too large: " + length + " bytes");
    }
    return new byte[length + Primitives.TAG_LENGTH + Primitives.RANDOM_LENGTH];
  }

  /** Seals {@code plaintext} into {@code out}, whose last 28 bytes hold the iv and nonce. */
  private void seal(KeyAlgorithm alg, byte[] plaintext, byte[] aad, byte[] out) {
    int ivOff = out.length - Primitives.RANDOM_LENGTH;
    byte[] k = derive(alg, out, ivOff);
    try {
      Primitives.seal(alg, k, plaintext, aad, out, ivOff + Primitives.IV_LENGTH);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * The per-message key of {@code docs/formats.md#key-types} for the iv at {@code buf[ivOff:+16]}:
   * HMAC-SHA256(K, iv) for AES256, HChaCha20(K, iv) for ChaCha20. The caller zeroes it.
   */
  byte[] derive(KeyAlgorithm alg, byte[] buf, int ivOff) {
    byte[] k = new byte[Primitives.KEY_LENGTH];
    if (alg == KeyAlgorithm.AES256) {
      mac(buf, ivOff, Primitives.IV_LENGTH, k, 0);
    } else {
      HChaCha20.subkey(key.borrow(), buf, ivOff, k);
      checkNotClosedDuring(k, 0, k.length);
    }
    return k;
  }

  /**
   * Decrypts a ciphertext made by {@link #encrypt} or by any KES version under this key ({@code
   * docs/formats.md#ciphertexts}).
   *
   * <p>A MessagePack (first byte {@code 0x95}) or JSON (first byte <code>'{'</code>) legacy
   * ciphertext is unwrapped first; if that parse fails, the bytes are treated as a current-format
   * ciphertext. The key's type decides the algorithm, except for a key from legacy storage that
   * fixed none, where a legacy ciphertext's own algorithm decides.
   *
   * @param ciphertext the ciphertext
   * @param associatedData the context it was encrypted with; empty means none
   * @return the plaintext
   * @throws NotAuthenticException if the ciphertext or context was modified, the key is wrong, or the
   *     input is no ciphertext; always with the same message
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the key is closed
   */
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) {
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(associatedData, "associatedData");
    byte[] c = ciphertext;
    KeyAlgorithm alg = algorithm;
    LegacyCiphertext legacy = LegacyCiphertext.parse(ciphertext);
    if (legacy != null) {
      c = legacy.canonical();
      if (algorithmUndefined) {
        alg = legacy.algorithm();
      }
    }
    int n = c.length;
    if (n <= Primitives.RANDOM_LENGTH) {
      throw new NotAuthenticException();
    }
    int ivOff = n - Primitives.RANDOM_LENGTH;
    byte[] k = derive(alg, c, ivOff);
    try {
      return Primitives.open(alg, k, c, ivOff, ivOff + Primitives.IV_LENGTH, associatedData);
    } finally {
      Arrays.fill(k, (byte) 0);
    }
  }

  /**
   * The legacy key id {@code hex(SHA-256(K)[0:16])}, 32 lowercase hex characters ({@code
   * docs/formats.md#ciphertexts}), which v0.22 wrote into ciphertexts and showed in {@code
   * /v1/key/describe}.
   *
   * @throws IllegalStateException if the key is closed
   */
  public String legacyId() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.borrow());
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }

  /** A copy with the same type and flags, for a {@link KeyVersion} that owns its keys. */
  MasterKey copy() {
    return new MasterKey(algorithm, SecretBytes.copyOf(key.borrow()), algorithmUndefined);
  }

  /** Returns {@code MasterKey[<algorithm>, redacted]}; never the key. */
  @Override
  public String toString() {
    return "MasterKey[" + algorithm + ", redacted]";
  }
}

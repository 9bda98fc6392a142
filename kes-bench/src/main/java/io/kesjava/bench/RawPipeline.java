package io.kesjava.bench;

import io.kesjava.crypto.BenchCrypto;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The reference: KES's per-message pipeline ({@code docs/formats.md#key-types}) written directly on
 * the JCA (and BouncyCastle for one ChaCha20 variant), with its {@link Mac}, {@link Cipher} and
 * DRBG made once and reused. It is what the engine would cost if it had no layers at all: no key
 * lookup, no cache, no copies for safety, no legacy-format checks.
 *
 * <p>Not thread-safe: one per thread (a JMH {@code Scope.Thread} state), or borrowed from a pool.
 *
 * <p>Security: the same construction and the same random source (a per-instance SHA-256
 * Hash_DRBG at 256 bits, as kes-crypto's {@code Randomness}) as the engine, so that only layering
 * differs. Not for production use: it keeps the master key in a plain array.
 */
public final class RawPipeline {

  /** The two key types of KES; {@link #CHACHA20_BC} is ChaCha20 on BouncyCastle's AEAD. */
  public enum Algorithm {
    AES256,
    CHACHA20,
    CHACHA20_BC
  }

  static final int IV = 16;
  static final int NONCE = 12;
  static final int TAG = 16;
  static final int RANDOM = IV + NONCE;

  private final Algorithm algorithm;
  private final byte[] masterKey;
  private final Mac hmac;
  private final Cipher gcm;
  private Cipher chacha;
  private final ChaCha20Poly1305 bcChacha;
  private final SecureRandom random;
  private final byte[] derived = new byte[32];
  private final byte[] scratch = new byte[RANDOM];

  /** A pipeline for one master key of 32 bytes (copied). */
  public RawPipeline(Algorithm algorithm, byte[] masterKey) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    if (masterKey.length != 32) {
      throw new IllegalArgumentException("a master key has 32 bytes");
    }
    this.masterKey = masterKey.clone();
    try {
      this.hmac = Mac.getInstance("HmacSHA256");
      this.gcm = Cipher.getInstance("AES/GCM/NoPadding");
      this.chacha = Cipher.getInstance("ChaCha20-Poly1305");
      this.random = SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    this.bcChacha = new ChaCha20Poly1305();
  }

  public Algorithm algorithm() {
    return algorithm;
  }

  /** Fills {@code out} from this pipeline's DRBG. */
  public void randomBytes(byte[] out) {
    random.nextBytes(out);
  }

  /**
   * A KES data key: 32 random bytes and their ciphertext ({@code
   * docs/formats.md#data-encryption-keys}). Returns {@code {dek, ciphertext}}.
   */
  public byte[][] generate(byte[] context) {
    return generate(masterKey, context);
  }

  /** As {@link #generate(byte[])}, under another master key of the same type. */
  public byte[][] generate(byte[] key, byte[] context) {
    byte[] dek = new byte[32];
    random.nextBytes(dek);
    return new byte[][] {dek, encrypt(key, dek, context)};
  }

  /** {@code sealed || iv || nonce} ({@code docs/formats.md#ciphertexts}). */
  public byte[] encrypt(byte[] plaintext, byte[] context) {
    return encrypt(masterKey, plaintext, context);
  }

  private byte[] encrypt(byte[] key, byte[] plaintext, byte[] context) {
    byte[] out = new byte[plaintext.length + TAG + RANDOM];
    int trailer = plaintext.length + TAG;
    random.nextBytes(scratch);
    System.arraycopy(scratch, 0, out, trailer, RANDOM);
    derive(key, out, trailer);
    try {
      switch (algorithm) {
        case AES256 -> {
          gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, "AES"),
              new GCMParameterSpec(128, out, trailer + IV, NONCE));
          if (context.length > 0) {
            gcm.updateAAD(context);
          }
          gcm.doFinal(plaintext, 0, plaintext.length, out, 0);
        }
        case CHACHA20 -> {
          chacha.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, "ChaCha20"),
              new IvParameterSpec(out, trailer + IV, NONCE));
          if (context.length > 0) {
            chacha.updateAAD(context);
          }
          chacha.doFinal(plaintext, 0, plaintext.length, out, 0);
        }
        case CHACHA20_BC -> {
          bcChacha.init(true, new AEADParameters(new KeyParameter(derived), 128,
              Arrays.copyOfRange(out, trailer + IV, trailer + RANDOM), context));
          int n = bcChacha.processBytes(plaintext, 0, plaintext.length, out, 0);
          bcChacha.doFinal(out, n);
        }
        default -> throw new AssertionError(algorithm);
      }
    } catch (GeneralSecurityException | InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
    return out;
  }

  /**
   * Opens a current-format ciphertext.
   *
   * @throws IllegalArgumentException if it does not authenticate
   */
  public byte[] decrypt(byte[] ciphertext, byte[] context) {
    int n = ciphertext.length;
    if (n < RANDOM + TAG) {
      throw new IllegalArgumentException("not authentic");
    }
    int trailer = n - RANDOM;
    derive(masterKey, ciphertext, trailer);
    try {
      switch (algorithm) {
        case AES256 -> {
          gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, "AES"),
              new GCMParameterSpec(128, ciphertext, trailer + IV, NONCE));
          if (context.length > 0) {
            gcm.updateAAD(context);
          }
          return gcm.doFinal(ciphertext, 0, trailer);
        }
        case CHACHA20 -> {
          SecretKeySpec k = new SecretKeySpec(derived, "ChaCha20");
          IvParameterSpec iv = new IvParameterSpec(ciphertext, trailer + IV, NONCE);
          try {
            chacha.init(Cipher.DECRYPT_MODE, k, iv);
          } catch (java.security.InvalidKeyException e) {
            // Java 17: a repeated key and nonce is refused even for decryption.
            chacha = Cipher.getInstance("ChaCha20-Poly1305");
            chacha.init(Cipher.DECRYPT_MODE, k, iv);
          }
          if (context.length > 0) {
            chacha.updateAAD(context);
          }
          return chacha.doFinal(ciphertext, 0, trailer);
        }
        case CHACHA20_BC -> {
          bcChacha.init(false, new AEADParameters(new KeyParameter(derived), 128,
              Arrays.copyOfRange(ciphertext, trailer + IV, n), context));
          byte[] out = new byte[trailer - TAG];
          int m = bcChacha.processBytes(ciphertext, 0, trailer, out, 0);
          bcChacha.doFinal(out, m);
          return out;
        }
        default -> throw new AssertionError(algorithm);
      }
    } catch (GeneralSecurityException | InvalidCipherTextException e) {
      throw new IllegalArgumentException("not authentic");
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /** {@code derived = HMAC-SHA256(K, iv)} or {@code HChaCha20(K, iv)}, iv at {@code buf[off:off+16]}. */
  private void derive(byte[] key, byte[] buf, int off) {
    if (algorithm == Algorithm.AES256) {
      try {
        hmac.init(new SecretKeySpec(key, "HmacSHA256"));
        hmac.update(buf, off, IV);
        hmac.doFinal(derived, 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    } else {
      BenchCrypto.hchacha20(key, buf, off, derived);
    }
  }

  /** HMAC-SHA256 of {@code message} under {@code key}, the Mac reused. */
  public byte[] hmac(byte[] key, byte[] message) {
    try {
      hmac.init(new SecretKeySpec(key, "HmacSHA256"));
      return hmac.doFinal(message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.kesjava.bench;

import io.kesjava.crypto.BenchCrypto;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.modes.gcm.BasicGCMMultiplier;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Experiments past the raw JCA pipeline: the same KES ciphertexts ({@code
 * docs/formats.md#key-types}), byte for byte, with less work per message. Each variant names what
 * it changes:
 *
 * <ul>
 *   <li>{@link Variant#JCA_MIDSTATE}: HMAC-SHA256 from SHA-256 states that already absorbed the
 *       key's inner and outer pads (2 compressions instead of 4), and one DRBG call for the DEK and
 *       the iv/nonce together instead of two; AES-GCM still on the JCA.
 *   <li>{@link Variant#BC_GCM}: as above, with BouncyCastle's AES and GCM (no 4 KiB multiplication
 *       tables) instead of the JCA's. <b>Not constant-time</b>: BouncyCastle's Java AES uses lookup
 *       tables, which leak through cache timing; measured to show what the JDK's key setup costs,
 *       not as a candidate.
 *   <li>{@link Variant#CHACHA_BC}: HChaCha20 and BouncyCastle's ChaCha20-Poly1305 (constant-time
 *       arithmetic), one DRBG call.
 * </ul>
 *
 * <p>Not thread-safe: one per thread.
 */
public final class FastPipeline {

  /** What differs from {@link RawPipeline}. */
  public enum Variant {
    JCA_MIDSTATE,
    BC_GCM,
    CHACHA_BC
  }

  private final Variant variant;
  private final byte[] masterKey;
  private final MessageDigest inner;
  private final MessageDigest outer;
  private final Cipher gcm;
  private final GCMModeCipher bcGcm;
  private final ChaCha20Poly1305 chacha = new ChaCha20Poly1305();
  private final SecureRandom random;
  private final byte[] derived = new byte[32];
  private final byte[] random60 = new byte[32 + RawPipeline.RANDOM];

  public FastPipeline(Variant variant, byte[] masterKey) {
    this.variant = variant;
    this.masterKey = masterKey.clone();
    try {
      inner = MessageDigest.getInstance("SHA-256");
      outer = MessageDigest.getInstance("SHA-256");
      byte[] pad = new byte[64];
      for (int i = 0; i < 64; i++) {
        pad[i] = (byte) ((i < 32 ? masterKey[i] : 0) ^ 0x36);
      }
      inner.update(pad);
      for (int i = 0; i < 64; i++) {
        pad[i] = (byte) ((i < 32 ? masterKey[i] : 0) ^ 0x5c);
      }
      outer.update(pad);
      Arrays.fill(pad, (byte) 0);
      gcm = Cipher.getInstance("AES/GCM/NoPadding");
      random = SecureRandom.getInstance(
          "DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    bcGcm = GCMBlockCipher.newInstance(AESEngine.newInstance(), new BasicGCMMultiplier());
  }

  /** A data key: {@code {dek, ciphertext}}, one DRBG call for all 60 random bytes. */
  public byte[][] generate(byte[] context) {
    random.nextBytes(random60);
    byte[] dek = Arrays.copyOfRange(random60, 0, 32);
    byte[] out = new byte[32 + RawPipeline.TAG + RawPipeline.RANDOM];
    System.arraycopy(random60, 32, out, 32 + RawPipeline.TAG, RawPipeline.RANDOM);
    Arrays.fill(random60, (byte) 0);
    seal(dek, context, out);
    return new byte[][] {dek, out};
  }

  /** {@code sealed || iv || nonce}. */
  public byte[] encrypt(byte[] plaintext, byte[] context) {
    byte[] out = new byte[plaintext.length + RawPipeline.TAG + RawPipeline.RANDOM];
    byte[] r = new byte[RawPipeline.RANDOM];
    random.nextBytes(r);
    System.arraycopy(r, 0, out, plaintext.length + RawPipeline.TAG, RawPipeline.RANDOM);
    seal(plaintext, context, out);
    return out;
  }

  private void seal(byte[] plaintext, byte[] context, byte[] out) {
    int trailer = plaintext.length + RawPipeline.TAG;
    derive(out, trailer);
    try {
      switch (variant) {
        case JCA_MIDSTATE -> {
          gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, "AES"),
              new GCMParameterSpec(128, out, trailer + RawPipeline.IV, RawPipeline.NONCE));
          if (context.length > 0) {
            gcm.updateAAD(context);
          }
          gcm.doFinal(plaintext, 0, plaintext.length, out, 0);
        }
        case BC_GCM -> {
          bcGcm.init(true, new AEADParameters(new KeyParameter(derived), 128,
              Arrays.copyOfRange(out, trailer + RawPipeline.IV, out.length), context));
          int n = bcGcm.processBytes(plaintext, 0, plaintext.length, out, 0);
          bcGcm.doFinal(out, n);
        }
        case CHACHA_BC -> {
          chacha.init(true, new AEADParameters(new KeyParameter(derived), 128,
              Arrays.copyOfRange(out, trailer + RawPipeline.IV, out.length), context));
          int n = chacha.processBytes(plaintext, 0, plaintext.length, out, 0);
          chacha.doFinal(out, n);
        }
        default -> throw new AssertionError(variant);
      }
    } catch (GeneralSecurityException | InvalidCipherTextException e) {
      throw new IllegalStateException(e);
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  /**
   * Opens a current-format ciphertext.
   *
   * @throws IllegalArgumentException if it does not authenticate
   */
  public byte[] decrypt(byte[] ciphertext, byte[] context) {
    int n = ciphertext.length;
    if (n < RawPipeline.RANDOM + RawPipeline.TAG) {
      throw new IllegalArgumentException("not authentic");
    }
    int trailer = n - RawPipeline.RANDOM;
    derive(ciphertext, trailer);
    try {
      switch (variant) {
        case JCA_MIDSTATE -> {
          gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, "AES"),
              new GCMParameterSpec(128, ciphertext, trailer + RawPipeline.IV, RawPipeline.NONCE));
          if (context.length > 0) {
            gcm.updateAAD(context);
          }
          return gcm.doFinal(ciphertext, 0, trailer);
        }
        case BC_GCM, CHACHA_BC -> {
          var aead = variant == Variant.BC_GCM ? bcGcm : chacha;
          aead.init(false, new AEADParameters(new KeyParameter(derived), 128,
              Arrays.copyOfRange(ciphertext, trailer + RawPipeline.IV, n), context));
          byte[] out = new byte[trailer - RawPipeline.TAG];
          int m = aead.processBytes(ciphertext, 0, trailer, out, 0);
          aead.doFinal(out, m);
          return out;
        }
        default -> throw new AssertionError(variant);
      }
    } catch (GeneralSecurityException | InvalidCipherTextException e) {
      throw new IllegalArgumentException("not authentic");
    } finally {
      Arrays.fill(derived, (byte) 0);
    }
  }

  private void derive(byte[] buf, int off) {
    if (variant == Variant.CHACHA_BC) {
      BenchCrypto.hchacha20(masterKey, buf, off, derived);
      return;
    }
    try {
      MessageDigest in = (MessageDigest) inner.clone();
      in.update(buf, off, RawPipeline.IV);
      MessageDigest out = (MessageDigest) outer.clone();
      out.update(in.digest());
      out.digest(derived, 0, 32);
    } catch (CloneNotSupportedException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.kesjava.tink;

import com.google.crypto.tink.Aead;
import io.kesjava.core.Kes;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * Tink's {@link Aead} over one KES key: {@link Kes#encrypt} and {@link Kes#decrypt}, the associated
 * data bound as KES's context. Thread-safe as the {@link Kes} it uses.
 */
final class KesAead implements Aead {

  private static final byte[] EMPTY = new byte[0];

  private final Kes kes;
  private final String keyName;

  KesAead(Kes kes, String keyName) {
    this.kes = kes;
    this.keyName = keyName;
  }

  @Override
  public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(plaintext, "plaintext");
    try {
      return kes.encrypt(keyName, plaintext, associatedData == null ? EMPTY : associatedData);
    } catch (RuntimeException e) {
      throw failure("encryption", e);
    }
  }

  @Override
  public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
    Objects.requireNonNull(ciphertext, "ciphertext");
    try (SecretBytes plaintext =
        kes.decrypt(keyName, ciphertext, associatedData == null ? EMPTY : associatedData)) {
      return plaintext.bytes();
    } catch (RuntimeException e) {
      throw failure("decryption", e);
    }
  }

  /**
   * The checked exception Tink expects, for any failure of the {@link Kes} call: a {@link
   * KesException}, or a client's transport failure. The message names the key and the KES error,
   * never data.
   */
  private GeneralSecurityException failure(String what, RuntimeException e) {
    String message;
    if (e instanceof NotAuthenticException) {
      message = "ciphertext or associated data is not authentic";
    } else if (e instanceof NotAllowedException) {
      message = "not authorized to use key '" + keyName + "'";
    } else if (e instanceof KeyNotFoundException) {
      message = "key '" + keyName + "' does not exist";
    } else if (e instanceof KesException k) {
      message = "key '" + keyName + "': " + k.getMessage() + " (status " + k.status() + ")";
    } else {
      message = "key '" + keyName + "': " + e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return new GeneralSecurityException("kes: " + what + " failed: " + message, e);
  }

  @Override
  public String toString() {
    return "KesAead[" + keyName + "]";
  }
}

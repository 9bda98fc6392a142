package io.kesjava.core.tls;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types {@link SelfSigned} generates.
 *
 * <p>Thread-safety: immutable.
 */
public enum KeyType {

  /** Ed25519: what KES uses for API keys and {@code kes identity new}. */
  ED25519,

  /** ECDSA on NIST P-256: what KES uses for its development server certificate. */
  ECDSA_P256;

  /** Generates a new key pair of this type from the JDK's default secure random source. */
  public KeyPair generate() {
    try {
      if (this == ED25519) {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(name() + " is not available in this JDK", e);
    }
  }

  /** The JCA signature algorithm for certificates signed with a key of this type. */
  String signatureAlgorithm() {
    return this == ED25519 ? "Ed25519" : "SHA256withECDSA";
  }

  /** The OID of that signature algorithm (Ed25519, ecdsa-with-SHA256), for an AlgorithmIdentifier. */
  String signatureOid() {
    return this == ED25519 ? "1.3.101.112" : "1.2.840.10045.4.3.2";
  }

  static KeyType of(java.security.PrivateKey key) {
    String algorithm = key.getAlgorithm();
    if (algorithm.equals("EdDSA") || algorithm.equals("Ed25519")) {
      return ED25519;
    }
    if (algorithm.equals("EC")) {
      return ECDSA_P256;
    }
    throw new IllegalArgumentException("unsupported key algorithm " + algorithm);
  }
}

package io.kesjava.core.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAKey;
import java.util.Objects;

/**
 * Key-pair helpers for TLS material, with the JDK only.
 *
 * <p>Thread-safety: stateless.
 */
public final class Keys {

  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /**
   * Whether {@code publicKey} belongs to {@code privateKey}: RSA keys by their modulus, EC, Ed25519
   * and Ed448 keys by a signature of a random message made with the one and checked with the
   * other.
   */
  public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(publicKey, "publicKey");
    if (privateKey instanceof RSAKey priv) {
      return publicKey instanceof RSAKey pub && priv.getModulus().equals(pub.getModulus());
    }
    String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
    if (algorithm == null || !sameFamily(privateKey, publicKey)) {
      return false;
    }
    byte[] message = new byte[32];
    RANDOM.nextBytes(message);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean sameFamily(PrivateKey privateKey, PublicKey publicKey) {
    return family(privateKey.getAlgorithm()).equals(family(publicKey.getAlgorithm()));
  }

  private static String family(String algorithm) {
    return switch (algorithm) {
      case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
      default -> algorithm;
    };
  }

  private static String signatureAlgorithm(String keyAlgorithm) {
    return switch (keyAlgorithm) {
      case "EC" -> "SHA256withECDSA";
      case "EdDSA" -> "EdDSA";
      case "Ed25519" -> "Ed25519";
      case "Ed448" -> "Ed448";
      default -> null;
    };
  }
}

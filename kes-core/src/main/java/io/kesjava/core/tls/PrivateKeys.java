package io.kesjava.core.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Turns the DER of a private-key PEM block into a JDK {@link PrivateKey}, so that the JDK's TLS
 * implementation recognises the key's algorithm. Messages never contain key bytes.
 */
final class PrivateKeys {

  private PrivateKeys() {}

  /** Decodes a block of type {@code PRIVATE KEY}, {@code RSA PRIVATE KEY} or {@code EC PRIVATE KEY}. */
  static PrivateKey decode(String type, byte[] der) {
    try {
      switch (type) {
        case "PRIVATE KEY":
          return fromInfo(PrivateKeyInfo.getInstance(der));
        case "RSA PRIVATE KEY":
          return fromInfo(
              new PrivateKeyInfo(
                  new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                  org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der)));
        case "EC PRIVATE KEY":
          ECPrivateKey ec = ECPrivateKey.getInstance(der);
          if (ec.getParametersObject() == null) {
            throw new PemException("EC private key has no curve parameters");
          }
          return fromInfo(
              new PrivateKeyInfo(
                  new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()),
                  ec));
        default:
          throw new PemException("unsupported private key type '" + type + "'");
      }
    } catch (IOException | IllegalArgumentException | IllegalStateException | ClassCastException e) {
      if (e instanceof PemException) {
        throw (PemException) e;
      }
      throw new PemException("malformed private key in '" + type + "' block");
    }
  }

  /** Decrypts and decodes a PKCS#8 {@code ENCRYPTED PRIVATE KEY} block (an extension to KES). */
  static PrivateKey decodeEncrypted(byte[] der, char[] password) {
    if (password == null || password.length == 0) {
      throw new PemException("private key is encrypted: password required");
    }
    PKCS8EncryptedPrivateKeyInfo encrypted;
    try {
      encrypted = new PKCS8EncryptedPrivateKeyInfo(der);
    } catch (IOException | RuntimeException e) {
      throw new PemException("malformed private key in 'ENCRYPTED PRIVATE KEY' block");
    }
    PrivateKeyInfo info;
    try {
      InputDecryptorProvider decryptor =
          new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(Bc.PROVIDER).build(password);
      info = encrypted.decryptPrivateKeyInfo(decryptor);
    } catch (PKCSException e) {
      throw new PemException("private key is encrypted: incorrect password");
    } catch (Exception e) {
      throw new PemException("encrypted private key: unsupported encryption scheme");
    }
    try {
      return fromInfo(info);
    } catch (IOException | RuntimeException e) {
      if (e instanceof PemException) {
        throw (PemException) e;
      }
      throw new PemException("malformed private key in 'ENCRYPTED PRIVATE KEY' block");
    }
  }

  /**
   * A JDK key from PKCS#8 info. The info is re-encoded without attributes and public key, because
   * older JDKs reject PKCS#8 version 2 for some algorithms.
   */
  static PrivateKey fromInfo(PrivateKeyInfo info) throws IOException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    String algorithm = jdkAlgorithm(oid);
    PrivateKeyInfo plain = new PrivateKeyInfo(info.getPrivateKeyAlgorithm(), info.parsePrivateKey());
    byte[] encoded = plain.getEncoded("DER");
    try {
      return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(encoded));
    } catch (GeneralSecurityException e) {
      throw new PemException("malformed or unsupported " + algorithm + " private key");
    } finally {
      Arrays.fill(encoded, (byte) 0);
    }
  }

  static String jdkAlgorithm(ASN1ObjectIdentifier oid) {
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
    }
    if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
      return "RSASSA-PSS";
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      return "EC";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      return "Ed25519";
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      return "Ed448";
    }
    throw new PemException("unsupported private key algorithm " + oid.getId());
  }

  /** One Bouncy Castle provider instance, used without registering it in the JVM. */
  static final class Bc {
    static final BouncyCastleProvider PROVIDER = new BouncyCastleProvider();

    private Bc() {}
  }
}

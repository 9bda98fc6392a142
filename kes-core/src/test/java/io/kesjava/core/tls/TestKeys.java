package io.kesjava.core.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed448PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;

/** The public key of a private key, with BouncyCastle: for tests that check which pair a key is of. */
final class TestKeys {

  private TestKeys() {}

  /**
   * The public key that belongs to {@code privateKey}: RSA (CRT form), EC on a named curve, Ed25519
   * and Ed448 keys are supported.
   *
   * @throws IllegalArgumentException if the key's type is not supported or it cannot be encoded
   */
  public static PublicKey publicKeyOf(PrivateKey privateKey) {
    Objects.requireNonNull(privateKey, "privateKey");
    try {
      if (privateKey instanceof RSAPrivateCrtKey) {
        RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) privateKey;
        return KeyFactory.getInstance("RSA")
            .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
      }
      byte[] pkcs8 = privateKey.getEncoded();
      if (pkcs8 == null) {
        throw new IllegalArgumentException("the private key cannot be encoded");
      }
      try {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
        byte[] spki = spkiOf(info);
        String algorithm = jdkAlgorithm(info.getPrivateKeyAlgorithm().getAlgorithm());
        return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      if (e instanceof IllegalArgumentException) {
        throw (IllegalArgumentException) e;
      }
      throw new IllegalArgumentException(
          "cannot derive the public key of a " + privateKey.getAlgorithm() + " private key");
    }
  }

  private static byte[] spkiOf(PrivateKeyInfo info) throws IOException {
    ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
      byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
      try {
        byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), pub).getEncoded("DER");
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
      byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
      try {
        byte[] pub = new Ed448PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
        return new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), pub).getEncoded("DER");
      } finally {
        Arrays.fill(seed, (byte) 0);
      }
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
      ECPrivateKey ec = ECPrivateKey.getInstance(info.parsePrivateKey());
      ASN1ObjectIdentifier curve =
          ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
      X9ECParameters params = ECNamedCurveTable.getByOID(curve);
      if (params == null) {
        throw new IllegalArgumentException("unsupported EC curve " + curve.getId());
      }
      BigInteger d = ec.getKey();
      ECPoint q = params.getG().multiply(d).normalize();
      return new SubjectPublicKeyInfo(info.getPrivateKeyAlgorithm(), q.getEncoded(false))
          .getEncoded("DER");
    }
    throw new IllegalArgumentException("unsupported private key algorithm " + oid.getId());
  }

  private static String jdkAlgorithm(ASN1ObjectIdentifier oid) {
    if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return "RSA";
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
    throw new IllegalArgumentException("unsupported private key algorithm " + oid.getId());
  }
}

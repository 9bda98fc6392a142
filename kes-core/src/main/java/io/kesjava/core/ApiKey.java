package io.kesjava.core;

import io.kesjava.crypto.SecretBytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A KES API key: an Ed25519 private key in text form, {@code kes:v1:<base64(0x00 || seed)>} ({@code
 * docs/formats.md#api-keys}). Its identity is that of any certificate for its public key, so a
 * client authenticates with it by presenting the self-signed certificate {@link #certificate()}
 * makes.
 *
 * <p>Thread-safety: safe for concurrent use until closed.
 *
 * <p>Security: the key text is a credential. {@link #toString()} shows only the identity; {@link
 * #revealText()} is the one way to get the text back, named so that it is easy to find in reviews.
 * {@link #close()} zeroes the seed (best effort).
 */
public final class ApiKey implements AutoCloseable {

  private static final String PREFIX = "kes:v1:";
  private static final byte TYPE_ED25519 = 0;

  private final SecretBytes seed;
  private final byte[] publicKey;
  private final Identity identity;

  private ApiKey(SecretBytes seed) {
    this.seed = seed;
    byte[] s = seed.bytes();
    try {
      this.publicKey = new Ed25519PrivateKeyParameters(s, 0).generatePublicKey().getEncoded();
    } finally {
      Arrays.fill(s, (byte) 0);
    }
    this.identity = Identity.ofSubjectPublicKeyInfo(spki(publicKey));
  }

  /**
   * Parses an API key as kms-go does: an optional {@code kes:v1:} prefix, then standard padded
   * base64 of 33 bytes whose first byte is 0.
   *
   * @throws IllegalArgumentException {@code kes: invalid API key: ...} for any other text; the
   *     message never repeats the text
   */
  public static ApiKey parse(String text) {
    Objects.requireNonNull(text, "text");
    String b64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("kes: invalid API key: invalid base64 encoding");
    }
    try {
      if (raw.length != 33) {
        throw new IllegalArgumentException("kes: invalid API key: invalid length");
      }
      if (raw[0] != TYPE_ED25519) {
        throw new IllegalArgumentException("kes: invalid API key: unsupported type");
      }
      return new ApiKey(SecretBytes.copyOf(Arrays.copyOfRange(raw, 1, 33)));
    } finally {
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** Generates a new API key from a cryptographically secure random seed. */
  public static ApiKey generate() {
    return new ApiKey(SecretBytes.random(32));
  }

  /** The identity a server computes for this key's certificates. */
  public Identity identity() {
    return identity;
  }

  /** The key in its canonical text form, {@code kes:v1:...}: a credential, handle it as one. */
  public String revealText() {
    byte[] s = seed.bytes();
    byte[] raw = new byte[33];
    try {
      System.arraycopy(s, 0, raw, 1, 32);
      return PREFIX + Base64.getEncoder().encodeToString(raw);
    } finally {
      Arrays.fill(s, (byte) 0);
      Arrays.fill(raw, (byte) 0);
    }
  }

  /** The Ed25519 private key, for a TLS client key manager. */
  public PrivateKey privateKey() {
    byte[] s = seed.bytes();
    try {
      PrivateKeyInfo info =
          PrivateKeyInfoFactory.createPrivateKeyInfo(new Ed25519PrivateKeyParameters(s, 0));
      byte[] pkcs8 = info.getEncoded();
      try {
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } finally {
        Arrays.fill(pkcs8, (byte) 0);
      }
    } catch (java.io.IOException | java.security.GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /**
   * A self-signed client certificate for this key, valid from now for 90 days, with subject {@code
   * CN=<identity>} ({@code docs/formats.md#api-keys}).
   */
  public X509Certificate certificate() {
    return certificate(Instant.now(), Duration.ofDays(90));
  }

  /** A self-signed client certificate for this key, valid from {@code notBefore} for {@code validity}. */
  public X509Certificate certificate(Instant notBefore, Duration validity) {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(validity, "validity");
    try {
      X500Name name = new X500Name("CN=" + identity.value());
      X509v3CertificateBuilder builder =
          new X509v3CertificateBuilder(
              name,
              new BigInteger(128, new SecureRandom()),
              Date.from(notBefore),
              Date.from(notBefore.plus(validity)),
              name,
              SubjectPublicKeyInfo.getInstance(spki(publicKey)));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return new JcaX509CertificateConverter()
          .getCertificate(builder.build(new JcaContentSignerBuilder("Ed25519").build(privateKey())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the API key's certificate", e);
    }
  }

  /** Zeroes the seed; the key is unusable afterwards. */
  @Override
  public void close() {
    seed.close();
  }

  @Override
  public String toString() {
    return "ApiKey[identity=" + identity + ", key=redacted]";
  }

  private static byte[] spki(byte[] ed25519PublicKey) {
    try {
      return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
              new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(ed25519PublicKey, 0))
          .getEncoded("DER");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}

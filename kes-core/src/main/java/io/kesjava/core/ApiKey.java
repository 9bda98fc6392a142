package io.kesjava.core;

import io.kesjava.core.tls.SelfSigned;
import io.kesjava.crypto.SecretBytes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.NamedParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

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
  private final PublicKey publicKey;
  private final Identity identity;

  private ApiKey(SecretBytes seed) {
    this.seed = seed;
    this.publicKey = keyPair().getPublic();
    this.identity = Identity.ofSubjectPublicKeyInfo(publicKey.getEncoded());
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
    return keyPair().getPrivate();
  }

  /** The Ed25519 public key. */
  public PublicKey publicKey() {
    return publicKey;
  }

  /**
   * A self-signed client certificate for this key, valid from now for 90 days, with subject {@code
   * CN=<identity>} ({@code docs/formats.md#api-keys}).
   */
  public X509Certificate certificate() {
    return certificate(Instant.now(), Duration.ofDays(90));
  }

  /**
   * A self-signed client certificate for this key, valid from {@code notBefore} for {@code
   * validity}: subject and issuer {@code CN=<identity>}, key usage digitalSignature, extended key
   * usage clientAuth, basic constraints {@code cA = FALSE}, a random 128-bit serial ({@link
   * SelfSigned}).
   */
  public X509Certificate certificate(Instant notBefore, Duration validity) {
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(validity, "validity");
    return SelfSigned.builder()
        .keyPair(keyPair())
        .commonName(identity.value())
        .clientAuth()
        .notBefore(notBefore)
        .validity(validity)
        .build()
        .certificate();
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

  /**
   * The Ed25519 key pair of the seed, with the JDK alone: its key pair generator takes the private
   * key's 32 bytes from the random source it is given (RFC 8032, 5.1.5), so a source that returns
   * the seed yields the seed's pair.
   */
  private KeyPair keyPair() {
    byte[] s = seed.bytes();
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
      generator.initialize(NamedParameterSpec.ED25519, new SeedSource(s));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 is not available", e);
    } finally {
      Arrays.fill(s, (byte) 0);
    }
  }

  /** A "random" source that returns the seed once; any further request is a bug. */
  private static final class SeedSource extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private final transient byte[] seed;
    private transient boolean used;

    SeedSource(byte[] seed) {
      this.seed = seed;
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (used || bytes.length != seed.length) {
        throw new IllegalStateException("the Ed25519 key pair generator asked for other bytes");
      }
      used = true;
      System.arraycopy(seed, 0, bytes, 0, bytes.length);
    }
  }
}

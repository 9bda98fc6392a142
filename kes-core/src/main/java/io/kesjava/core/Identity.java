package io.kesjava.core;

import io.kesjava.keystore.pem.Der;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The identity of a client: the lowercase hex SHA-256 of its certificate's SubjectPublicKeyInfo
 * ({@code docs/formats.md#identities}). Configured identities are compared as exact strings, so a
 * placeholder such as {@code disabled} is a valid identity that no certificate ever has.
 *
 * @param value the identity text, non-empty
 */
public record Identity(String value) {

  public Identity {
    Objects.requireNonNull(value, "value");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("identity is empty");
    }
  }

  /**
   * The identity of a certificate: SHA-256 of its DER SubjectPublicKeyInfo exactly as it appears in
   * the certificate ({@code docs/formats.md#identities}).
   *
   * @throws IllegalArgumentException if the certificate cannot be parsed
   */
  public static Identity of(X509Certificate certificate) {
    Objects.requireNonNull(certificate, "certificate");
    try {
      return ofSubjectPublicKeyInfo(Der.subjectPublicKeyInfo(certificate.getEncoded()));
    } catch (CertificateEncodingException | RuntimeException e) {
      throw new IllegalArgumentException("certificate cannot be parsed", e);
    }
  }

  /** The identity of a DER-encoded SubjectPublicKeyInfo: its SHA-256 in lowercase hex. */
  public static Identity ofSubjectPublicKeyInfo(byte[] spki) {
    Objects.requireNonNull(spki, "spki");
    try {
      return new Identity(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The identity of a TLS peer: certificates with {@code cA = TRUE} are dropped, and exactly one
   * must remain ({@code docs/formats.md#identities}).
   *
   * @throws InvalidArgumentException {@code tls: client certificate is required} if none remains, or
   *     {@code tls: received more than one client certificate} if more than one does
   */
  public static Identity ofPeer(List<X509Certificate> chain) {
    Objects.requireNonNull(chain, "chain");
    List<X509Certificate> leaves = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (c.getBasicConstraints() < 0) {
        leaves.add(c);
      }
    }
    if (leaves.isEmpty()) {
      throw new InvalidArgumentException("tls: client certificate is required");
    }
    if (leaves.size() > 1) {
      throw new InvalidArgumentException("tls: received more than one client certificate");
    }
    return of(leaves.get(0));
  }

  /** Whether this is 64 lowercase hex characters: an identity a certificate can have. */
  public boolean isHex() {
    if (value.length() != 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return value;
  }
}

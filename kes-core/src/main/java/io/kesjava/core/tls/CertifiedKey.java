package io.kesjava.core.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A private key and its certificate chain, leaf first: what a TLS endpoint presents.
 *
 * <p>Thread-safety: immutable. Security: {@link #toString()} shows the leaf's subject only, never
 * the key (some JDK key classes print their private parts).
 *
 * @param privateKey the private key of the leaf certificate
 * @param chain the certificates, leaf first; at least one; copied
 */
public record CertifiedKey(PrivateKey privateKey, List<X509Certificate> chain) {

  /**
   * @throws IllegalArgumentException if the chain is empty or the key does not belong to the leaf
   */
  public CertifiedKey {
    Objects.requireNonNull(privateKey, "privateKey");
    chain = List.copyOf(Objects.requireNonNull(chain, "chain"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the certificate chain is empty");
    }
    if (!Keys.matches(privateKey, chain.get(0).getPublicKey())) {
      throw new IllegalArgumentException("private key does not match public key in certificate");
    }
  }

  /** The leaf certificate: the first of the chain. */
  public X509Certificate certificate() {
    return chain.get(0);
  }

  @Override
  public String toString() {
    return "CertifiedKey[subject="
        + certificate().getSubjectX500Principal().getName()
        + ", chain="
        + chain.size()
        + ", privateKey=redacted]";
  }
}

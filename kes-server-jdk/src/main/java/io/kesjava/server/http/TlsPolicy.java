package io.kesjava.server.http;

import io.kesjava.core.tls.ClientAuth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The TLS settings of every server connection: TLS 1.3 with the suites the JDK offers, TLS 1.2
 * with ECDHE key exchange and AEAD suites only (AES-GCM, ChaCha20-Poly1305), the server's suite
 * order, ALPN {@code http/1.1} (and {@code http/1.0} for clients that offer only that; a client
 * that offers neither, such as an HTTP/2-only one, fails the handshake), and the client-certificate
 * mode. Client-initiated renegotiation is
 * refused by the connection layer ({@link GuardedSocket}).
 *
 * <p>Thread-safety: stateless.
 */
public final class TlsPolicy {

  /** The protocols, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The cipher suites in order of preference; those the JDK lacks are left out. */
  public static final List<String> CIPHER_SUITES = List.of(
      "TLS_AES_128_GCM_SHA256",
      "TLS_AES_256_GCM_SHA384",
      "TLS_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
      "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

  private TlsPolicy() {}

  /**
   * The parameters for server connections of {@code context}.
   *
   * @throws IllegalStateException if the JDK supports none of the suites
   */
  public static SSLParameters parameters(SSLContext context, ClientAuth clientAuth) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(clientAuth, "clientAuth");
    SSLParameters p = context.getDefaultSSLParameters();
    Set<String> supported = Set.of(context.getSupportedSSLParameters().getCipherSuites());
    List<String> suites = new ArrayList<>();
    for (String s : CIPHER_SUITES) {
      if (supported.contains(s)) {
        suites.add(s);
      }
    }
    if (suites.isEmpty()) {
      throw new IllegalStateException("the JDK supports none of the server's TLS cipher suites");
    }
    p.setProtocols(PROTOCOLS.toArray(new String[0]));
    p.setCipherSuites(suites.toArray(new String[0]));
    p.setUseCipherSuitesOrder(true);
    p.setApplicationProtocols(new String[] {"http/1.1", "http/1.0"});
    clientAuth.apply(p);
    return p;
  }
}

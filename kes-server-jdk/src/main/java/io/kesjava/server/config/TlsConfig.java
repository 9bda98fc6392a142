package io.kesjava.server.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code tls} section ({@code docs/configuration.md#tls}). Paths are as written (relative ones
 * resolve against the working directory) and are not opened by the parser.
 *
 * <p>Thread-safety: immutable. Security: {@link #password()} is a {@link Secret}.
 *
 * @param privateKey {@code tls.key}: the server's PEM private key
 * @param certificate {@code tls.cert}: the server's PEM certificate chain
 * @param password {@code tls.password}: decrypts a legacy-encrypted private key; may be empty
 * @param verifyClients {@code tls.auth: on}: client chains must verify against the CA pool
 * @param ca {@code tls.ca}: a PEM file or directory of CAs added to the system roots
 * @param proxyIdentities {@code tls.proxy.identities}: TLS proxies that may forward client
 *     certificates; copied
 * @param proxyCertHeader {@code tls.proxy.header.cert}: the header carrying the forwarded
 *     certificate; may be empty
 */
public record TlsConfig(
    Path privateKey,
    Path certificate,
    Secret password,
    boolean verifyClients,
    Optional<Path> ca,
    List<String> proxyIdentities,
    String proxyCertHeader) {

  /** Copies the proxy identities; no component may be null. */
  public TlsConfig {
    Objects.requireNonNull(privateKey, "privateKey");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(ca, "ca");
    proxyIdentities = List.copyOf(proxyIdentities);
    Objects.requireNonNull(proxyCertHeader, "proxyCertHeader");
  }
}

package io.kesjava.server.http;

import io.kesjava.core.Identity;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.KesException;
import io.kesjava.core.NotAllowedException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Finds who is calling and whether they may (docs/http-api.md): the identity of the TLS
 * peer's certificate, or, when the peer is a configured TLS proxy, of the certificate it forwards
 * in a header (docs/configuration.md); then the admin and policy check.
 *
 * <p>Thread-safety: immutable.
 */
final class Authenticator {

  private static final String SESSION_KEY = "io.kesjava.identity";

  private final Set<String> proxies;
  private final String certHeader;
  private final BiPredicate<Identity, String> policy;
  private final Predicate<X509Certificate> forwardedTrust;

  /**
   * @param proxies identities of TLS proxies; empty strings are ignored ({@code tls-proxy-add})
   * @param certHeader the header a proxy forwards the client certificate in
   * @param policy whether an identity may call a path: the admin and the policies
   * @param forwardedTrust whether a forwarded certificate may be used: with {@code tls.auth: on}
   *     it must verify against the handshake's CA set (docs/configuration.md)
   */
  Authenticator(Set<String> proxies, String certHeader, BiPredicate<Identity, String> policy,
      Predicate<X509Certificate> forwardedTrust) {
    this.forwardedTrust = Objects.requireNonNull(forwardedTrust, "forwardedTrust");
    this.proxies =
        proxies.stream().filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
    this.certHeader = Objects.requireNonNull(certHeader, "certHeader");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The identities that count as TLS proxies. */
  Set<String> proxies() {
    return proxies;
  }

  /**
   * Sets the call's identity and client IP.
   *
   * @throws KesException 400 when there is no usable certificate; 403 when a proxy forwards one
   *     that does not verify
   */
  void identify(Call call) {
    Identity peer = peerIdentity(call.exchange);
    if (!proxies.contains(peer.value())) {
      call.identity = peer;
      return;
    }
    List<String> values = call.exchange.requestHeaders(certHeader);
    X509Certificate forwarded = ForwardedCertificate.parse(values);
    if (!forwardedTrust.test(forwarded)) {
      throw new NotAllowedException();
    }
    String ip = Addresses.forwardedFor(call.exchange.requestHeaders("X-Forwarded-For"));
    if (ip != null) {
      call.ip = ip;
    }
    try {
      call.identity = Identity.of(forwarded);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("invalid client certificate");
    }
  }

  /** Sets the identity if one can be had; never fails ({@code identify-only}). */
  void identifyIfPossible(Call call) {
    try {
      identify(call);
    } catch (KesException e) {
      call.identity = null;
    }
  }

  /**
   * Checks the call's identity against the admin and the policies for its path.
   *
   * @throws NotAllowedException if it may not
   */
  void authorize(Call call) {
    if (call.identity == null || !policy.test(call.identity, call.path)) {
      throw new NotAllowedException();
    }
  }

  private static Identity peerIdentity(Exchange exchange) {
    SSLSession session = exchange.sslSession();
    if (session == null) {
      throw new InvalidArgumentException("insecure connection: TLS is required");
    }
    Object cached = session.getValue(SESSION_KEY);
    if (cached instanceof Identity id) {
      return id;
    }
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      throw new InvalidArgumentException("tls: client certificate is required");
    }
    List<X509Certificate> certs = new ArrayList<>();
    for (Certificate c : chain) {
      if (c instanceof X509Certificate x) {
        certs.add(x);
      }
    }
    Identity id = Identity.ofPeer(certs);
    session.putValue(SESSION_KEY, id);
    return id;
  }
}

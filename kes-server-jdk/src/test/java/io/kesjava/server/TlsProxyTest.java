package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.server.http.ForwardedCertificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The TLS proxy ({@code docs/migrating-from-go-kes.md}): from a configured proxy identity the
 * forwarded certificate decides the caller; from anyone else the header is ignored.
 */
class TlsProxyTest {

  static final Cred ADMIN = Cred.create("admin");
  static final Cred PROXY = Cred.create("proxy");
  static final Cred APP = Cred.create("app");
  static final Cred OTHER = Cred.create("other");
  static final String HEADER = "X-Forwarded-Ssl-Client-Cert";

  @Test
  void forwardedCertificate_honouredFromProxy_ignoredFromOthers() throws Exception {
    try (TestServer s = TestServer.builder(ADMIN)
        .policy("app", List.of("/v1/key/create/app-*"), List.of(), APP.id())
        .policy("other", List.of("/v1/key/create/other-*"), List.of(), OTHER.id())
        .proxy(HEADER, PROXY.id(), "")
        .start()) {
      List<AuditEvent> events = new CopyOnWriteArrayList<>();
      AutoCloseable sub = s.server.auditLog().subscribe(events::add);
      TestClient proxy = s.client(PROXY);
      TestClient other = s.client(OTHER);

      // From the proxy: the forwarded certificate is the caller, the forwarded IP the client's.
      TestClient.Response r = proxy.send("PUT", "/v1/key/create/app-1", null,
          Map.of(HEADER, APP.forwarded(), "X-Forwarded-For", "10.9.8.7:1234, 10.0.0.1"));
      assertThat(r.status()).isEqualTo(200);
      assertThat(s.engine.describeKey("app-1").createdBy()).isEqualTo(APP.id());
      AuditEvent e = events.stream().filter(x -> x.path().equals("/v1/key/create/app-1"))
          .findFirst().orElseThrow();
      assertThat(e.identity()).isEqualTo(APP.id());
      assertThat(e.ip()).isEqualTo("10.9.8.7");
      // The proxy acting for a client whose policy does not allow the path.
      assertThat(proxy.send("PUT", "/v1/key/create/other-1", null,
          Map.of(HEADER, APP.forwarded())).status()).isEqualTo(403);
      // Header problems from the proxy are 400s with v0.22's messages.
      assertThat(proxy.put("/v1/key/create/app-2", null).message())
          .isEqualTo("no client certificate is present");
      assertThat(proxy.send("PUT", "/v1/key/create/app-2", null, Map.of(HEADER, "%A-----"))
          .message()).isEqualTo("invalid client certificate");
      assertThat(twoHeaders(s).message()).isEqualTo("too many client certificates are present");

      // From anyone else the header is ignored: OTHER stays OTHER, even forwarding the admin.
      assertThat(other.send("PUT", "/v1/key/create/app-3", null,
          Map.of(HEADER, ADMIN.forwarded())).status()).isEqualTo(403);
      assertThat(other.send("PUT", "/v1/key/create/other-1", null,
          Map.of(HEADER, ADMIN.forwarded(), "X-Forwarded-For", "1.2.3.4")).status())
          .isEqualTo(200);
      assertThat(s.engine.describeKey("other-1").createdBy()).isEqualTo(OTHER.id());
      AuditEvent o = events.stream().filter(x -> x.path().equals("/v1/key/create/other-1")
          && x.status() == 200).findFirst().orElseThrow();
      assertThat(o.ip()).isEqualTo("127.0.0.1");
      sub.close();
    }
  }

  @Test
  void tlsAuthOn_forwardedCertificate_mustVerifyAgainstTheCas() throws Exception {
    Cred ca = Cred.ca("clients-ca");
    Cred issued = Cred.issue("app", ca);
    try (TestServer s = TestServer.builder(ADMIN)
        .policy("app", List.of("/v1/key/create/app-*"), List.of(), issued.id(), APP.id())
        .proxy(HEADER, PROXY.id())
        .forwardedTrust(ForwardedCertificate.verifier(List.of(ca.cert()), false))
        .start()) {
      TestClient proxy = s.client(PROXY);
      assertThat(proxy.send("PUT", "/v1/key/create/app-1", null,
          Map.of(HEADER, issued.forwarded())).status()).isEqualTo(200);
      assertThat(s.engine.describeKey("app-1").createdBy()).isEqualTo(issued.id());

      // APP has a policy, but its self-signed certificate does not verify against the CA.
      TestClient.Response r = proxy.send("PUT", "/v1/key/create/app-2", null,
          Map.of(HEADER, APP.forwarded()));
      assertThat(r.status()).isEqualTo(403);
      assertThat(r.message()).isEqualTo("not authorized: insufficient permissions");
      assertThat(s.engine.listKeys("app-*").names()).containsExactly("app-1");
    }
  }

  @Test
  void verifier_acceptsTheCasThemselves_andCertificatesTheyIssued() {
    Cred ca = Cred.ca("clients-ca");
    var verifier = ForwardedCertificate.verifier(List.of(ca.cert(), APP.cert()), false);
    assertThat(verifier.test(Cred.issue("x", ca).cert())).isTrue();
    assertThat(verifier.test(APP.cert())).isTrue();
    assertThat(verifier.test(OTHER.cert())).isFalse();
    assertThat(verifier.test(Cred.issue("y", Cred.ca("elsewhere")).cert())).isFalse();
    assertThat(ForwardedCertificate.verifier(List.of(), false).test(APP.cert())).isFalse();
  }

  private static TestClient.Response twoHeaders(TestServer s) throws Exception {
    try (var sock = s.client(PROXY).connect()) {
      String cert = APP.forwarded();
      String req = "PUT /v1/key/create/app-2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
          + HEADER + ": " + cert + "\r\n" + HEADER + ": " + cert + "\r\n\r\n";
      sock.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      sock.getOutputStream().flush();
      return TestClient.read(new java.io.BufferedInputStream(sock.getInputStream()), false);
    }
  }
}

package io.kesjava.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server's TLS: TLS 1.3 and TLS 1.2, the latter with ECDHE and AEAD suites only; no TLS 1.0 or
 * 1.1; client-initiated renegotiation refused; ALPN http/1.1; a client certificate required.
 */
class TlsSettingsTest {

  @TempDir static Path dir;
  static HostileServer server;

  @BeforeAll
  static void start() throws Exception {
    server = HostileServer.start(dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static SSLSocket socket(SSLContext context, String protocol, String suite,
      String... alpn) throws IOException {
    SSLSocket s = (SSLSocket) context.getSocketFactory()
        .createSocket(InetAddress.getLoopbackAddress(), server.port());
    s.setSoTimeout(10_000);
    SSLParameters p = s.getSSLParameters();
    p.setProtocols(new String[] {protocol});
    if (suite != null) {
      p.setCipherSuites(new String[] {suite});
    }
    if (alpn.length > 0) {
      p.setApplicationProtocols(alpn);
    }
    s.setSSLParameters(p);
    return s;
  }

  private static int status(SSLSocket s) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(RawClient.head("GET /version HTTP/1.1", "Host: x"));
    out.flush();
    return RawClient.read(new BufferedInputStream(s.getInputStream())).status();
  }

  @Test
  void tls13_isOffered() throws Exception {
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.3", null)) {
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(status(s)).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"})
  void tls12_ecdheAeadSuites_areAccepted(String suite) throws Exception {
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.2", suite)) {
      s.startHandshake();
      assertThat(s.getSession().getCipherSuite()).isEqualTo(suite);
      assertThat(status(s)).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
      "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384", "TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256",
      "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"})
  void tls12_cbcAndNonEphemeralSuites_areRefused(String suite) throws Exception {
    Set<String> clientSuites = Set.of(server.adminContext().getSupportedSSLParameters()
        .getCipherSuites());
    org.junit.jupiter.api.Assumptions.assumeTrue(clientSuites.contains(suite),
        "this JDK's client cannot offer " + suite);
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.2", suite)) {
      assertThatThrownBy(s::startHandshake).isInstanceOf(IOException.class);
    }
  }

  /** A ClientHello of TLS 1.0 or 1.1, written out, since the JDK's client refuses to send one. */
  @ParameterizedTest
  @ValueSource(ints = {1, 2})
  void tls10And11_areRefused(int minor) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream().write(legacyClientHello(minor));
      s.getOutputStream().flush();
      byte[] answer = readSome(s.getInputStream());
      // Nothing, or a fatal alert record (type 21): never a ServerHello (a handshake record, 22).
      if (answer.length > 0) {
        assertThat(answer[0]).as(Arrays.toString(answer)).isEqualTo((byte) 21);
      }
    }
  }

  private static byte[] readSome(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] b = new byte[1024];
    try {
      for (int n; out.size() < 7 && (n = in.read(b)) >= 0; ) {
        out.write(b, 0, n);
      }
    } catch (IOException e) {
      // reset
    }
    return out.toByteArray();
  }

  /** A minimal ClientHello of TLS 1.{minor-1} with CBC suites and the P-256 group. */
  static byte[] legacyClientHello(int minor) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(3);
    body.write(minor);
    for (int i = 0; i < 32; i++) {
      body.write(i);
    }
    body.write(0); // no session id
    int[] suites = {0xc009, 0xc00a, 0xc013, 0xc014, 0x002f, 0x0035};
    body.write(0);
    body.write(suites.length * 2);
    for (int s : suites) {
      body.write(s >> 8);
      body.write(s & 0xff);
    }
    body.write(1); // compression: null
    body.write(0);
    byte[] ext = {0x00, 0x0a, 0x00, 0x04, 0x00, 0x02, 0x00, 0x17, // supported_groups: secp256r1
        0x00, 0x0b, 0x00, 0x02, 0x01, 0x00}; // ec_point_formats: uncompressed
    body.write(0);
    body.write(ext.length);
    body.write(ext, 0, ext.length);
    byte[] hello = body.toByteArray();
    ByteArrayOutputStream record = new ByteArrayOutputStream();
    record.write(22);
    record.write(3);
    record.write(minor);
    int len = hello.length + 4;
    record.write(len >> 8);
    record.write(len & 0xff);
    record.write(1);
    record.write(0);
    record.write(hello.length >> 8);
    record.write(hello.length & 0xff);
    record.write(hello, 0, hello.length);
    return record.toByteArray();
  }

  @Test
  void tls12_clientRenegotiation_isRefused() throws Exception {
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.2", null)) {
      s.startHandshake();
      assertThat(status(s)).isEqualTo(200);
      boolean served;
      try {
        s.startHandshake(); // a renegotiation, initiated by the client
        served = status(s) == 200;
      } catch (IOException e) {
        served = false;
      }
      assertThat(served).as("a request after a client-initiated renegotiation").isFalse();
    }
    // The server goes on serving others.
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.2", null)) {
      s.startHandshake();
      assertThat(status(s)).isEqualTo(200);
    }
  }

  @Test
  void alpn_isHttp11_andAnHttp2OnlyClientIsRefused() throws Exception {
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.3", null, "h2", "http/1.1")) {
      s.startHandshake();
      assertThat(s.getApplicationProtocol()).isEqualTo("http/1.1");
    }
    try (SSLSocket s = socket(server.adminContext(), "TLSv1.3", null, "h2")) {
      assertThatThrownBy(s::startHandshake).isInstanceOf(IOException.class);
    }
  }

  @Test
  void aClientWithoutCertificate_isRefused() throws Exception {
    SSLContext anonymous = io.kesjava.core.tls.Tls.clientContext().insecureTrustAnyServer()
        .build();
    boolean served;
    try (SSLSocket s = socket(anonymous, "TLSv1.3", null)) {
      s.startHandshake();
      served = status(s) == 200;
    } catch (IOException e) {
      served = false;
    }
    assertThat(served).isFalse();
  }

  @Test
  void theSuitesAndProtocolsOffered_areOnlyTheseOnes() throws Exception {
    List<String> allowed = List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");
    for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
      for (String suite : server.adminContext().getSupportedSSLParameters().getCipherSuites()) {
        if (suite.startsWith("TLS_EMPTY") || suite.contains("_anon_") || suite.contains("NULL")) {
          continue;
        }
        boolean ok;
        try (SSLSocket s = socket(server.adminContext(), protocol, suite)) {
          s.startHandshake();
          ok = true;
        } catch (IOException | IllegalArgumentException e) {
          ok = false;
        }
        if (ok) {
          assertThat(allowed).as(protocol + " " + suite).contains(suite);
        }
      }
    }
  }
}

package io.kesjava.client;

import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.KesServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real {@link KesServer} on loopback over TLS, with an in-memory key store and generated
 * certificates, for end-to-end tests of the client.
 */
final class TestServer implements AutoCloseable {

  /** The server's certificate: self-signed for localhost, 127.0.0.1 and ::1. */
  static final CertifiedKey SERVER_CERT = SelfSigned.server().build();

  final KesEngine engine;
  final KesServer server;

  private TestServer(KesEngine engine, KesServer server) {
    this.engine = engine;
    this.server = server;
  }

  /** Starts a server with these policies on a free loopback port. */
  static TestServer start(PolicyTable policies) {
    return start(KesEngine.builder().keyStore(new MemoryKeyStore()).policies(policies).build(), 0);
  }

  /** Starts a server for {@code engine} on {@code port} (0 for a free one). */
  static TestServer start(KesEngine engine, int port) {
    KesServer server = KesServer.builder()
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
        .sslContext(Tls.serverContext().credential(SERVER_CERT).clientAuth(ClientAuth.REQUIRE_ANY)
            .build())
        .clientAuth(ClientAuth.REQUIRE_ANY)
        .engine(engine)
        .errorLog(false, ErrorEvent.INFO)
        .version("test-version")
        .drainTimeout(Duration.ofMillis(200))
        .build()
        .start();
    return new TestServer(engine, server);
  }

  /** The endpoint URL, by IP address. */
  String endpoint() {
    return "https://127.0.0.1:" + server.address().getPort();
  }

  /** A client builder for this server that trusts exactly its certificate. */
  KesClient.Builder client() {
    return KesClient.builder()
        .endpoint(endpoint())
        .trustedCertificates(SERVER_CERT.chain())
        .systemTrustStore(false);
  }

  /** Stops the server; idempotent. */
  void stop() {
    server.close();
  }

  @Override
  public void close() {
    stop();
  }

  /** A client certificate and key with a self-signed Ed25519 or ECDSA certificate. */
  static CertifiedKey clientCert() {
    return SelfSigned.builder().commonName("test-client").clientAuth().build();
  }

  static Identity identity(CertifiedKey key) {
    return Identity.of(key.certificate());
  }

  /** Writes {@code key} as PEM files {@code <name>.crt} and {@code <name>.key} into {@code dir}. */
  static Path[] writePem(CertifiedKey key, Path dir, String name) {
    try {
      Path cert = dir.resolve(name + ".crt");
      Path priv = dir.resolve(name + ".key");
      Files.writeString(cert, Pem.encodeCertificate(key.certificate()));
      Files.writeString(priv, Pem.encodePrivateKey(key.privateKey()));
      return new Path[] {cert, priv};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The server certificate as a PEM file in {@code dir}. */
  static Path writeCa(Path dir) {
    try {
      Path ca = dir.resolve("server-ca.crt");
      Files.writeString(ca, Pem.encodeCertificate(SERVER_CERT.certificate()));
      return ca;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> names(List<Path> paths) {
    return paths.stream().map(Path::toString).toList();
  }
}

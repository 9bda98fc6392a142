package io.kesjava.tink;

import io.kesjava.client.KesClient;
import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.Policy;
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
 * A real {@link KesServer} on loopback that requires client certificates, with two identities: an
 * admin, and an application whose policy allows only the keys {@code app-*}. Clients authenticate
 * with certificate and key files, as an application would.
 */
final class MtlsServer implements AutoCloseable {

  private static final CertifiedKey SERVER = SelfSigned.server().build();

  final KesEngine engine;
  private final KesServer server;
  private final Path dir;
  private final CertifiedKey admin = SelfSigned.builder().commonName("admin").clientAuth().build();
  private final CertifiedKey app = SelfSigned.builder().commonName("app").clientAuth().build();

  MtlsServer(Path dir) {
    this.dir = dir;
    PolicyTable policies =
        PolicyTable.builder()
            .admin(Identity.of(admin.certificate()).value())
            .policy(
                Policy.allowing(
                    "app",
                    List.of("/v1/key/encrypt/app-*", "/v1/key/decrypt/app-*",
                        "/v1/key/generate/app-*")),
                List.of(Identity.of(app.certificate()).value()))
            .build();
    this.engine = KesEngine.builder().keyStore(new MemoryKeyStore()).policies(policies).build();
    this.server =
        KesServer.builder()
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(
                Tls.serverContext().credential(SERVER).clientAuth(ClientAuth.REQUIRE_ANY).build())
            .clientAuth(ClientAuth.REQUIRE_ANY)
            .engine(engine)
            .errorLog(false, ErrorEvent.INFO)
            .drainTimeout(Duration.ofMillis(200))
            .build()
            .start();
  }

  /** A client with the admin's certificate files. */
  KesClient adminClient() {
    return client(admin, "admin");
  }

  /** A client with the application's certificate files: it may use only the keys {@code app-*}. */
  KesClient appClient() {
    return client(app, "app");
  }

  String endpoint() {
    return "https://127.0.0.1:" + server.address().getPort();
  }

  private KesClient client(CertifiedKey credential, String name) {
    Path cert = dir.resolve(name + ".crt");
    Path key = dir.resolve(name + ".key");
    Path ca = dir.resolve("ca.crt");
    try {
      Files.writeString(cert, Pem.encodeCertificate(credential.certificate()));
      Files.writeString(key, Pem.encodePrivateKey(credential.privateKey()));
      Files.writeString(ca, Pem.encodeCertificate(SERVER.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return KesClient.builder()
        .endpoint(endpoint())
        .clientCertificate(cert, key)
        .trustedCertificates(ca)
        .systemTrustStore(false)
        .retries(0, Duration.ZERO, Duration.ZERO)
        .timeout(Duration.ofSeconds(10))
        .build();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.kesjava.spring.boot;

import io.kesjava.core.ApiKey;
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

/**
 * A real {@link KesServer} on loopback that requires client certificates. Its admin is a
 * certificate written to PEM files; an API key is a second way in, as the admin too. The files are
 * what an application's properties name.
 */
final class TestKesServer implements AutoCloseable {

  private static final CertifiedKey SERVER_CERT = SelfSigned.server().build();

  final KesEngine engine;
  final Path certFile;
  final Path keyFile;
  final Path caFile;
  final Path apiKeyFile;
  private final KesServer server;

  TestKesServer(Path dir) {
    CertifiedKey admin = SelfSigned.builder().commonName("app").clientAuth().build();
    ApiKey apiKey = ApiKey.generate();
    certFile = dir.resolve("app.crt");
    keyFile = dir.resolve("app.key");
    caFile = dir.resolve("ca.crt");
    apiKeyFile = dir.resolve("api-key");
    try {
      Files.writeString(certFile, Pem.encodeCertificate(admin.certificate()));
      Files.writeString(keyFile, Pem.encodePrivateKey(admin.privateKey()));
      Files.writeString(caFile, Pem.encodeCertificate(SERVER_CERT.certificate()));
      Files.writeString(apiKeyFile, apiKey.revealText() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The certificate is the admin; the API key's identity gets a policy that allows everything.
    PolicyTable policies =
        PolicyTable.builder()
            .admin(Identity.of(admin.certificate()).value())
            .policy(
                io.kesjava.policy.Policy.allowing("all", java.util.List.of("/v1/*", "/v1/*/*",
                    "/v1/*/*/*")),
                java.util.List.of(apiKey.identity().value()))
            .build();
    engine = KesEngine.builder().keyStore(new MemoryKeyStore()).policies(policies).build();
    server =
        KesServer.builder()
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(
                Tls.serverContext()
                    .credential(SERVER_CERT)
                    .clientAuth(ClientAuth.REQUIRE_ANY)
                    .build())
            .clientAuth(ClientAuth.REQUIRE_ANY)
            .engine(engine)
            .errorLog(false, ErrorEvent.INFO)
            .drainTimeout(Duration.ofMillis(200))
            .build()
            .start();
  }

  String endpoint() {
    return "https://127.0.0.1:" + server.address().getPort();
  }

  @Override
  public void close() {
    server.close();
  }
}

package io.kesjava.client;

import io.kesjava.core.ApiKey;
import io.kesjava.core.Identity;
import io.kesjava.core.Kes;
import io.kesjava.core.contract.ContractPolicies;
import io.kesjava.core.contract.KesContractTest;
import io.kesjava.core.tls.CertifiedKey;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Kes} contract over the wire: {@link KesClient} against a real {@link
 * io.kesjava.server.KesServer} over TLS on loopback. The admin authenticates with a client
 * certificate from PEM files, the user and the stranger with API keys.
 */
class KesClientContractTest extends KesContractTest {

  private static final CertifiedKey ADMIN = TestServer.clientCert();
  private static final ApiKey USER = ApiKey.generate();
  private static final ApiKey STRANGER = ApiKey.generate();

  private static TestServer server;
  private static KesClient admin;
  private static KesClient user;
  private static KesClient stranger;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start(ContractPolicies.table(TestServer.identity(ADMIN), USER.identity()));
    Path dir = Files.createTempDirectory("kes-contract");
    Path[] pem = TestServer.writePem(ADMIN, dir, "admin");
    admin = server.client().clientCertificate(pem[0], pem[1]).build();
    user = server.client().apiKey(USER).build();
    stranger = server.client().apiKey(STRANGER).build();
  }

  @AfterAll
  static void stop() {
    admin.close();
    user.close();
    stranger.close();
    server.close();
  }

  @Override
  protected Kes kes() {
    return admin;
  }

  @Override
  protected Kes user() {
    return user;
  }

  @Override
  protected Kes stranger() {
    return stranger;
  }

  @Override
  protected Identity adminIdentity() {
    return TestServer.identity(ADMIN);
  }

  @Override
  protected Identity userIdentity() {
    return USER.identity();
  }

  @Override
  protected Identity strangerIdentity() {
    return STRANGER.identity();
  }
}

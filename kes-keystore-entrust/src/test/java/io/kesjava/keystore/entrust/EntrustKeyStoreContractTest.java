package io.kesjava.keystore.entrust;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/** The key-store contract, run against {@link EntrustKeyStore} over the fake KeyControl. */
class EntrustKeyStoreContractTest extends KeyStoreContractTest {

  private MockWebServer server;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    server = FakeServers.start(new FakeKeyControl(Clock.systemUTC()));
    return EntrustKeyStore.builder()
        .endpoint(server.url("/").toString())
        .vaultId(FakeKeyControl.VAULT_ID)
        .boxId(FakeKeyControl.BOX_ID)
        .username(FakeKeyControl.USERNAME)
        .password(FakeKeyControl.PASSWORD)
        .retryBackoff(Duration.ZERO, Duration.ZERO)
        .build();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}

package io.kesjava.keystore.fortanix;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/** The key-store contract, run against {@link FortanixKeyStore} over the fake SDKMS. */
class FortanixKeyStoreContractTest extends KeyStoreContractTest {

  private MockWebServer server;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    server = FakeServers.start(new FakeSdkms(Clock.systemUTC()));
    return FortanixKeyStore.builder()
        .endpoint(server.url("/").toString())
        .apiKey(FakeSdkms.API_KEY)
        .retryBackoff(Duration.ZERO, Duration.ZERO)
        .build();
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}

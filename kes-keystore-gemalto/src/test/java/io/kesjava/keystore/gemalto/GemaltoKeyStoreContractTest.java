package io.kesjava.keystore.gemalto;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.FakeServers;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Clock;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;

/** The key-store contract, run against {@link GemaltoKeyStore} over the fake KeySecure. */
class GemaltoKeyStoreContractTest extends KeyStoreContractTest {

  private MockWebServer server;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    server = FakeServers.start(new FakeKeySecure(Clock.systemUTC()));
    return GemaltoKeyStore.builder()
        .endpoint(server.url("/").toString())
        .refreshToken(FakeKeySecure.REFRESH_TOKEN)
        .retryBackoff(Duration.ZERO, Duration.ZERO)
        .build();
  }

  /** KeySecure answers 404 for a missing secret and for a hidden one: KES treats both as done. */
  @Override
  protected boolean deleteOfMissingKeyFails() {
    return false;
  }

  @AfterEach
  void stopServer() {
    server.close();
  }
}

package io.kesjava.keystore.gcp;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * The key-store contract, through the real Secret Manager client (gRPC over Netty, plaintext, on
 * loopback), against {@link FakeSecretManager}.
 */
class GcpSecretManagerContractTest extends KeyStoreContractTest {

  private FakeSecretManager fake;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    fake = new FakeSecretManager();
    return GcpSecretManagerKeyStore.builder()
        .projectId(FakeSecretManager.PROJECT_ID)
        .endpoint(fake.endpoint())
        .insecurePlaintext()
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .timeout(Duration.ofSeconds(5))
        .build();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }
}

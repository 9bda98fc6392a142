package io.kesjava.keystore.aws;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The key-store contract, through the real AWS SDK, against {@link FakeSecretsManager}. */
class AwsSecretsManagerContractTest extends KeyStoreContractTest {

  private FakeSecretsManager fake;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    fake = new FakeSecretsManager();
    return AwsSecretsManagerKeyStore.builder()
        .endpoint(fake.endpoint().toString())
        .region("us-east-2")
        .staticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
        .build();
  }

  /** AWS answers a forced delete of a missing secret with success (see DeleteSecret's reference). */
  @Override
  protected boolean deleteOfMissingKeyFails() {
    return false;
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }
}

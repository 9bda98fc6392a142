package io.kesjava.keystore.aws;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;

/**
 * The key-store contract, through the real AWS SDK, against moto's Secrets Manager ({@link
 * MotoServer}), with a KMS key made in moto's KMS for {@code kmskey}. Each test starts from an
 * empty moto. Skipped, with the reason, where moto is not installed.
 */
class AwsSecretsManagerMotoContractTest extends KeyStoreContractTest {

  @BeforeAll
  static void requireMoto() {
    assumeTrue(MotoServer.shared().isPresent(), MotoServer::unavailableReason);
  }

  @Override
  protected KeyStore newKeyStore() {
    MotoServer moto = MotoServer.shared().orElseThrow();
    moto.reset();
    String kmsKey = moto.createKmsKey("us-east-2");
    return AwsSecretsManagerKeyStore.builder()
        .endpoint(moto.endpoint().toString())
        .region("us-east-2")
        .kmsKey(kmsKey)
        .staticCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")
        .backoff(Duration.ofMillis(5), Duration.ofMillis(50))
        .build();
  }

  /** A forced delete of a missing secret: AWS answers success; moto may say not found. */
  @Override
  protected boolean deleteOfMissingKeyFails() {
    return false;
  }
}

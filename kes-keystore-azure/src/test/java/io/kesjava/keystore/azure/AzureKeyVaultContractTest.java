package io.kesjava.keystore.azure;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The key-store contract, through the real {@code SecretClient} over HTTPS with the bearer
 * challenge, against {@link FakeKeyVault} with Key Vault's own rules: names without case, values up
 * to 25 KiB, soft delete.
 *
 * <p>Where Key Vault cannot do what the contract asks, the contract is told so: names are compared
 * without case ({@link #namesIgnoreCase()}), hold no {@code _} ({@link #underscoresInNames()}), and
 * the large value is the most a secret holds ({@link #maxValueBytes()}). One setting differs from a
 * default store: the store purges on delete, since the contract wants a deleted name free at once,
 * as KES does by purging. What a default store does instead is tested in {@link
 * AzureKeyVaultKeyStoreTest}.
 */
class AzureKeyVaultContractTest extends KeyStoreContractTest {

  private FakeKeyVault fake;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    fake = new FakeKeyVault();
    fake.deleteLag(1);
    return TestVaults.storeFor(fake).purgeOnDelete(true).build();
  }

  /** Key Vault names allow only letters, digits and '-'. */
  @Override
  protected boolean underscoresInNames() {
    return false;
  }

  /**
   * Key Vault secret names are case-insensitive: {@code A-key} and {@code a-key} are one secret.
   */
  @Override
  protected boolean namesIgnoreCase() {
    return true;
  }

  /**
   * A secret value holds at most 25 KiB of text. The contract's large value is random bytes, which
   * the store keeps as base64 (4 characters for every 3 bytes): 19,200 bytes fill 25 KiB.
   */
  @Override
  protected int maxValueBytes() {
    return 25 * 1024 / 4 * 3;
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }
}

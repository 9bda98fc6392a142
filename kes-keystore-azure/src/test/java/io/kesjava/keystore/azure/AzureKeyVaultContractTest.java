package io.kesjava.keystore.azure;

import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.tck.KeyStoreContractTest;
import org.junit.jupiter.api.AfterEach;

/**
 * The key-store contract, through the real {@code SecretClient} over HTTPS with the bearer
 * challenge, against {@link FakeKeyVault}.
 *
 * <p>Three settings differ from a default store on a real vault, because the contract asks what
 * Key Vault cannot do: the store purges on delete (the contract wants a deleted name free at once,
 * as KES does by purging); the fake compares names with case (the contract stores {@code A-key} and
 * {@code a-key} side by side); and it takes values over 25 KiB (the contract stores 64 KiB). What a
 * real vault does instead is tested in {@link AzureKeyVaultKeyStoreTest}.
 */
class AzureKeyVaultContractTest extends KeyStoreContractTest {

  private FakeKeyVault fake;

  @Override
  protected KeyStore newKeyStore() throws Exception {
    fake = new FakeKeyVault().caseSensitive().unlimitedValues();
    fake.deleteLag(1);
    return TestVaults.storeFor(fake).purgeOnDelete(true).build();
  }

  /** Key Vault names allow only letters, digits and '-'. */
  @Override
  protected boolean underscoresInNames() {
    return false;
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }
}

package io.kesjava.keystore.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any value up to Key Vault's limit round-trips through the real client and the fake. */
class AzureSecretValueProperties {

  private static FakeKeyVault fake;
  private static AzureKeyVaultKeyStore store;
  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    fake = new FakeKeyVault();
    store = TestVaults.storeFor(fake).build();
  }

  @AfterContainer
  static void stop() {
    store.close();
    fake.close();
  }

  @Property(tries = 60)
  void anyValue_roundTrips(@ForAll @Size(max = 512) byte[] value) {
    String name = "key-" + NAMES.incrementAndGet();

    store.create(name, value);

    assertThat(store.get(name)).isEqualTo(value);
  }

  @Property(tries = 200)
  void encodeThenDecode_isTheIdentity(@ForAll @Size(max = 256) byte[] value) {
    assertThat(SecretValues.decode(SecretValues.encode("k", value))).isEqualTo(value);
  }
}

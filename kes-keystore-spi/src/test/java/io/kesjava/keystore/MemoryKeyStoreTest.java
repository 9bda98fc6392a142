package io.kesjava.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the mem store does beyond the contract (kes-keystore-tck runs the contract). */
class MemoryKeyStoreTest {

  @Test
  void description_isInMemory_asInKes() {
    assertThat(new MemoryKeyStore().description()).isEqualTo("In Memory");
  }

  @Test
  void status_reportsOneMillisecond_asKesDoes() {
    assertThat(new MemoryKeyStore().status()).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void list_withLimitZero_returnsEverything_unlikeKesInMemoryQuirk() {
    MemoryKeyStore store = new MemoryKeyStore();
    store.create("a", new byte[] {1});
    store.create("b", new byte[] {2});

    assertThat(store.list("", "", 0).names()).containsExactly("a", "b");
  }

  @Test
  void provider_isNamedMem_andMakesASeparateStoreEachTime() {
    MemoryKeyStoreProvider provider = new MemoryKeyStoreProvider();
    KeyStoreConfig none = KeyStoreConfig.of("keystore.mem", Map.of());
    KeyStore first = provider.create(none);
    KeyStore second = provider.create(none);

    first.create("k", new byte[] {1});

    assertThat(provider.name()).isEqualTo("mem");
    assertThat(second.list("", "", 0).names()).isEmpty();
  }
}

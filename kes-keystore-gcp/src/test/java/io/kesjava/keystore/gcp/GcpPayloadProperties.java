package io.kesjava.keystore.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any payload round-trips through the real client and the fake, checksum included. */
class GcpPayloadProperties {

  private static FakeSecretManager fake;
  private static GcpSecretManagerKeyStore store;
  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    fake = new FakeSecretManager();
    store =
        GcpSecretManagerKeyStore.builder()
            .projectId(FakeSecretManager.PROJECT_ID)
            .endpoint(fake.endpoint())
            .insecurePlaintext()
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build();
  }

  @AfterContainer
  static void stop() {
    store.close();
    fake.close();
  }

  @Property(tries = 60)
  void anyPayload_roundTrips(@ForAll @Size(max = 512) byte[] value) {
    String name = "key-" + NAMES.incrementAndGet();

    store.create(name, value);

    assertThat(store.get(name)).isEqualTo(value);
  }
}

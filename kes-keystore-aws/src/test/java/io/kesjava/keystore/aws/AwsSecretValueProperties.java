package io.kesjava.keystore.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Any value round-trips through the real SDK and the fake, as a string or as binary. */
class AwsSecretValueProperties {

  private static FakeSecretsManager fake;
  private static AwsSecretsManagerKeyStore store;
  private static final AtomicInteger NAMES = new AtomicInteger();

  @BeforeContainer
  static void start() throws Exception {
    fake = new FakeSecretsManager();
    store =
        AwsSecretsManagerKeyStore.builder()
            .endpoint(fake.endpoint().toString())
            .region("us-east-2")
            .staticCredentials("AKID", "SECRET", "")
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .build();
  }

  @AfterContainer
  static void stop() {
    store.close();
    fake.close();
  }

  @Property(tries = 60)
  void anyValue_roundTrips(@ForAll @NotEmpty @Size(max = 512) byte[] value) {
    String name = "key-" + NAMES.incrementAndGet();

    store.create(name, value);

    assertThat(store.get(name)).isEqualTo(value);
  }
}

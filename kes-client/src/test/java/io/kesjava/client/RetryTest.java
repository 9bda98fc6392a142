package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.core.CacheConfig;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.policy.PolicyTable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Retries on 503 ({@code docs/http-api.md#clients-retries-and-several-endpoints}), against a server
 * whose key store is busy at times.
 */
class RetryTest {

  private static final ApiKey ADMIN = ApiKey.generate();
  private static final FlakyStore STORE = new FlakyStore();
  private static TestServer server;

  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() {
    KesEngine engine = KesEngine.builder().keyStore(STORE)
        .cache(new CacheConfig(Duration.ofNanos(1), Duration.ofNanos(1), Duration.ZERO))
        .policies(PolicyTable.builder().admin(ADMIN.identity().value()).build()).build();
    server = TestServer.start(engine, 0);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private KesClient client(int retries) {
    return server.client().apiKey(ADMIN)
        .retries(retries, Duration.ofMillis(200), Duration.ofMillis(1000))
        .sleeper(sleeps::add).build();
  }

  @Test
  void a503_isRetriedWithBackoff_untilItSucceeds() {
    try (KesClient c = client(2)) {
      c.createKey("retried");
      STORE.failNext(2, 503);
      assertThat(c.encrypt("retried", new byte[] {1}, new byte[0])).hasSize(45);
      assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d)
          .isBetween(Duration.ofMillis(200), Duration.ofMillis(1000)));
    }
  }

  @Test
  void a503_isRetriedForCreateToo_becauseNothingWasDone() {
    try (KesClient c = client(2)) {
      STORE.failNext(1, 503);
      c.createKey("created-after-503");
      assertThat(c.describeKey("created-after-503").name()).isEqualTo("created-after-503");
    }
  }

  @Test
  void a503_afterTheLastRetry_isThrown() {
    try (KesClient c = client(1)) {
      c.createKey("exhausted");
      STORE.failNext(5, 503);
      assertThatThrownBy(() -> c.describeKey("exhausted"))
          .isExactlyInstanceOf(KeyStoreUnavailableException.class)
          .hasMessage("key store is busy")
          .satisfies(e -> assertThat(((KeyStoreUnavailableException) e).status()).isEqualTo(503));
      assertThat(sleeps).hasSize(1);
      STORE.failNext(0, 503);
    }
  }

  @Test
  void otherStatuses_areNotRetried() {
    try (KesClient c = client(2)) {
      c.createKey("not-retried");
      STORE.failNext(1, 502);
      assertThatThrownBy(() -> c.describeKey("not-retried"))
          .isExactlyInstanceOf(KeyStoreUnavailableException.class);
      assertThat(sleeps).isEmpty();
      assertThat(c.describeKey("not-retried").name()).isEqualTo("not-retried");
    }
  }
}

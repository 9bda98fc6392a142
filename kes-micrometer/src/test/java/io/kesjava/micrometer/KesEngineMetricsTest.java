package io.kesjava.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.core.NotAuthenticException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KesEngineMetricsTest {

  private final MeterRegistry registry = new SimpleMeterRegistry();
  private final OfflineSwitchStore store = new OfflineSwitchStore();
  private final KesEngineMetrics metrics = new KesEngineMetrics();

  private KesEngine engine(CacheConfig cache) {
    KesEngine kes = KesEngine.builder().keyStore(store).cache(cache).listener(metrics).build();
    metrics.bindTo(registry);
    return kes;
  }

  private Timer operations(String operation, String outcome, String exception) {
    return registry.get(KesEngineMetrics.OPERATIONS)
        .tags("operation", operation, "outcome", outcome, "exception", exception)
        .timer();
  }

  private double cache(String result) {
    return registry.get(KesEngineMetrics.CACHE_REQUESTS).tag("result", result).counter().count();
  }

  @Test
  void operations_areTimedByOperationAndOutcome() {
    KesEngine kes = engine(CacheConfig.defaults());
    kes.createKey("orders");
    byte[] ct = kes.encrypt("orders", new byte[] {1, 2, 3}, new byte[] {9});
    kes.encrypt("orders", new byte[] {4}, new byte[0]);
    kes.decrypt("orders", ct, new byte[] {9}).close();
    assertThatThrownBy(() -> kes.decrypt("orders", ct, new byte[] {8}))
        .isInstanceOf(NotAuthenticException.class);

    assertThat(operations("key.create", "success", "none").count()).isEqualTo(1);
    assertThat(operations("key.encrypt", "success", "none").count()).isEqualTo(2);
    assertThat(operations("key.decrypt", "success", "none").count()).isEqualTo(1);
    Timer failed = operations("key.decrypt", "client_error", "NotAuthenticException");
    assertThat(failed.count()).isEqualTo(1);
    assertThat(operations("key.encrypt", "success", "none").totalTime(TimeUnit.NANOSECONDS))
        .isPositive();
    // Successes of every operation exist from the start, at zero, so dashboards see them at once.
    assertThat(operations("key.hmac", "success", "none").count()).isZero();
  }

  @Test
  void cacheLookups_countHitsAndMisses() {
    KesEngine kes = engine(new CacheConfig(Duration.ZERO, Duration.ZERO, Duration.ZERO));
    kes.createKey("orders");
    kes.encrypt("orders", new byte[] {1}, new byte[0]);
    kes.encrypt("orders", new byte[] {1}, new byte[0]);
    assertThatThrownBy(() -> kes.describeKey("missing")).isInstanceOf(RuntimeException.class);
    assertThat(cache("hit")).isEqualTo(2);
    assertThat(cache("miss")).isEqualTo(1);
  }

  @Test
  void keyStoreCalls_areTimedWithTheirOutcome_andTheOfflineCacheIsCounted() {
    KesEngine kes =
        engine(new CacheConfig(Duration.ofNanos(1), Duration.ZERO, Duration.ofHours(1)));
    kes.createKey("orders");
    kes.status();
    assertThat(registry.get(KesEngineMetrics.KEYSTORE_CALLS)
        .tags("call", "create", "outcome", "success").timer().count()).isEqualTo(1);
    assertThat(registry.get(KesEngineMetrics.KEYSTORE_CALLS)
        .tags("call", "status", "outcome", "success").timer().count()).isEqualTo(1);

    store.offline = true;
    assertThatThrownBy(() -> kes.createKey("other"))
        .isInstanceOf(KeyStoreUnavailableException.class);
    // The cached key expired at once (any = 1ns), so the engine asks the store, which fails, and the
    // offline cache serves it.
    kes.encrypt("orders", new byte[] {1}, new byte[0]);

    assertThat(registry.get(KesEngineMetrics.KEYSTORE_CALLS)
        .tags("call", "create", "outcome", "unreachable").timer().count()).isEqualTo(1);
    assertThat(registry.get(KesEngineMetrics.KEYSTORE_CALLS)
        .tags("call", "get", "outcome", "unreachable").timer().count()).isEqualTo(1);
    assertThat(registry.get(KesEngineMetrics.CACHE_OFFLINE).counter().count()).isEqualTo(1);
    assertThat(operations("key.create", "server_error", "KeyStoreUnavailableException").count())
        .isEqualTo(1);
  }

  @Test
  void noMeterIsTaggedWithAKeyName() {
    KesEngine kes = engine(CacheConfig.defaults());
    kes.createKey("customer-4711");
    kes.generateKey("customer-4711", new byte[0]).close();
    assertThatThrownBy(() -> kes.encrypt("customer-4712", new byte[] {1}, new byte[0]))
        .isInstanceOf(RuntimeException.class);
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getTags())
          .extracting(Tag::getValue)
          .noneMatch(v -> v.contains("customer"));
    }
  }

  @Test
  void extraTags_goOnEveryMeter_andSeveralRegistriesEachCount() {
    KesEngineMetrics tagged = new KesEngineMetrics(Tags.of("engine", "orders"));
    MeterRegistry second = new SimpleMeterRegistry();
    KesEngine kes = KesEngine.builder().keyStore(store).listener(tagged).build();
    kes.createKey("before-binding"); // not counted: no registry yet
    tagged.bindTo(registry);
    tagged.bindTo(second);
    tagged.bindTo(second);
    kes.createKey("k");
    for (MeterRegistry r : List.of(registry, second)) {
      assertThat(r.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("engine"))
          .isEqualTo("orders"));
      assertThat(r.get(KesEngineMetrics.OPERATIONS).tags("operation", "key.create").timer()
          .count()).isEqualTo(1);
    }
  }
}

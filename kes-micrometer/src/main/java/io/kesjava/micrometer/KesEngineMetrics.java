package io.kesjava.micrometer;

import io.kesjava.core.KesEngine;
import io.kesjava.core.KesEngineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Micrometer meters for a {@link KesEngine}: pass it to {@link
 * KesEngine.Builder#listener(KesEngineListener)} and bind it to a {@link MeterRegistry}.
 *
 * <pre>{@code
 * KesEngineMetrics metrics = new KesEngineMetrics();
 * KesEngine kes = KesEngine.builder().keyStore(store).listener(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>Meters ({@code docs/metrics.md}), named after Micrometer's conventions (dot-separated, lower
 * case; the registry renders them in its own style, such as {@code kes_engine_operations_seconds}
 * for Prometheus):
 *
 * <ul>
 *   <li>{@value #OPERATIONS}: timer of every {@code Kes} operation; tags {@code operation} ({@code
 *       key.encrypt}, {@code key.generate}, ...), {@code outcome} ({@code success}, {@code
 *       client_error}, {@code server_error}) and {@code exception} (the simple class name of the
 *       error, such as {@code NotAuthenticException}, or {@code none}).
 *   <li>{@value #CACHE_REQUESTS}: counter of key-cache lookups; tag {@code result} ({@code hit},
 *       {@code miss}).
 *   <li>{@value #CACHE_OFFLINE}: counter of keys served from the offline cache because the key store
 *       failed.
 *   <li>{@value #KEYSTORE_CALLS}: timer of every key-store call; tags {@code call} ({@code get},
 *       {@code create}, {@code delete}, {@code list}, {@code status}) and {@code outcome} ({@code
 *       success}, {@code not_found}, {@code exists}, {@code unreachable}, {@code error}).
 * </ul>
 *
 * <p>No meter is tagged with a key name, an identity or anything else whose number of values
 * grows with the data: every tag has a small, fixed set of values. Extra tags given to the
 * constructor (an engine's name, say) go on every meter.
 *
 * <p>Events before the first {@link #bindTo(MeterRegistry)} are not counted. Binding to several
 * registries records every event in each.
 *
 * <p>Thread-safety: safe for concurrent use; the engine calls it from every operation's thread.
 */
public final class KesEngineMetrics implements KesEngineListener, MeterBinder {

  /** The timer of {@code Kes} operations. */
  public static final String OPERATIONS = "kes.engine.operations";
  /** The counter of key-cache lookups. */
  public static final String CACHE_REQUESTS = "kes.engine.cache.requests";
  /** The counter of keys served from the offline cache. */
  public static final String CACHE_OFFLINE = "kes.engine.cache.offline";
  /** The timer of key-store calls. */
  public static final String KEYSTORE_CALLS = "kes.keystore.calls";

  private final Tags tags;
  private volatile Bound[] bound = new Bound[0];

  /** Meters without extra tags. */
  public KesEngineMetrics() {
    this(Tags.empty());
  }

  /**
   * Meters with {@code tags} added to every one, such as {@code engine=orders} when an application
   * runs several engines.
   */
  public KesEngineMetrics(Iterable<Tag> tags) {
    this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
  }

  /** Registers the meters with {@code registry}; binding one registry twice changes nothing. */
  @Override
  public synchronized void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    for (Bound b : bound) {
      if (b.registry == registry) {
        return;
      }
    }
    Bound[] next = Arrays.copyOf(bound, bound.length + 1);
    next[bound.length] = new Bound(registry, tags);
    bound = next;
  }

  @Override
  public void onOperation(Operation operation, long nanos, RuntimeException error) {
    for (Bound b : bound) {
      b.operation(operation, error).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void onCacheHit() {
    for (Bound b : bound) {
      b.hits.increment();
    }
  }

  @Override
  public void onCacheMiss() {
    for (Bound b : bound) {
      b.misses.increment();
    }
  }

  @Override
  public void onOfflineCacheHit() {
    for (Bound b : bound) {
      b.offline.increment();
    }
  }

  @Override
  public void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {
    for (Bound b : bound) {
      b.keyStoreCall(call, KeyStoreOutcome.of(error)).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public String toString() {
    return "KesEngineMetrics" + tags.stream().map(t -> t.getKey() + "=" + t.getValue()).toList();
  }

  /** The meters of one registry. Successes are registered up front; errors when they first occur. */
  private static final class Bound {
    final MeterRegistry registry;
    final Tags tags;
    final Timer[] successes;
    final ConcurrentMap<ErrorKey, Timer> errors = new ConcurrentHashMap<>();
    final Timer[] keyStoreSuccesses;
    final ConcurrentMap<StoreKey, Timer> keyStoreFailures = new ConcurrentHashMap<>();
    final Counter hits;
    final Counter misses;
    final Counter offline;

    Bound(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      Operation[] operations = Operation.values();
      successes = new Timer[operations.length];
      for (Operation op : operations) {
        successes[op.ordinal()] = operationTimer(op, Outcome.SUCCESS, "none");
      }
      KeyStoreCall[] calls = KeyStoreCall.values();
      keyStoreSuccesses = new Timer[calls.length];
      for (KeyStoreCall call : calls) {
        keyStoreSuccesses[call.ordinal()] = keyStoreTimer(call, KeyStoreOutcome.SUCCESS);
      }
      hits = cacheCounter("hit");
      misses = cacheCounter("miss");
      offline =
          Counter.builder(CACHE_OFFLINE)
              .description("Keys served from the offline cache because the key store failed")
              .tags(tags)
              .register(registry);
    }

    Timer operation(Operation op, RuntimeException error) {
      if (error == null) {
        return successes[op.ordinal()];
      }
      return errors.computeIfAbsent(
          new ErrorKey(op, error.getClass()),
          k -> operationTimer(op, Outcome.of(error), error.getClass().getSimpleName()));
    }

    Timer keyStoreCall(KeyStoreCall call, KeyStoreOutcome outcome) {
      if (outcome == KeyStoreOutcome.SUCCESS) {
        return keyStoreSuccesses[call.ordinal()];
      }
      return keyStoreFailures.computeIfAbsent(
          new StoreKey(call, outcome), k -> keyStoreTimer(call, outcome));
    }

    private Timer operationTimer(Operation op, Outcome outcome, String exception) {
      return Timer.builder(OPERATIONS)
          .description("Operations of the KES engine")
          .tags(tags)
          .tag("operation", op.tag())
          .tag("outcome", outcome.tag())
          .tag("exception", exception.isEmpty() ? "unknown" : exception)
          .register(registry);
    }

    private Timer keyStoreTimer(KeyStoreCall call, KeyStoreOutcome outcome) {
      return Timer.builder(KEYSTORE_CALLS)
          .description("Calls of the KES engine's key store")
          .tags(tags)
          .tag("call", call.tag())
          .tag("outcome", outcome.tag())
          .register(registry);
    }

    private Counter cacheCounter(String result) {
      return Counter.builder(CACHE_REQUESTS)
          .description("Lookups in the KES engine's key cache")
          .tags(tags)
          .tag("result", result)
          .register(registry);
    }
  }

  private record ErrorKey(Operation operation, Class<?> type) {}

  private record StoreKey(KeyStoreCall call, KeyStoreOutcome outcome) {}
}

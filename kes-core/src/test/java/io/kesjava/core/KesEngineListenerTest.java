package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.KesEngineListener.KeyStoreCall;
import io.kesjava.core.KesEngineListener.KeyStoreOutcome;
import io.kesjava.core.KesEngineListener.Operation;
import io.kesjava.core.KesEngineListener.Outcome;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.keystore.EntryExistsException;
import io.kesjava.keystore.EntryNotFoundException;
import io.kesjava.keystore.KeyStoreException;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KesEngineListenerTest {

  /** Every event, in order, as text: {@code op key.encrypt success}, {@code cache hit}, ... */
  static final class Recorder implements KesEngineListener {
    final List<String> events = Collections.synchronizedList(new ArrayList<>());
    final List<Long> nanos = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onOperation(Operation operation, long nanos, RuntimeException error) {
      events.add("op " + operation.tag() + " " + Outcome.of(error).tag());
      this.nanos.add(nanos);
    }

    @Override
    public void onCacheHit() {
      events.add("cache hit");
    }

    @Override
    public void onCacheMiss() {
      events.add("cache miss");
    }

    @Override
    public void onOfflineCacheHit() {
      events.add("cache offline");
    }

    @Override
    public void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {
      events.add("store " + call.tag() + " " + KeyStoreOutcome.of(error).tag());
      this.nanos.add(nanos);
    }

    List<String> operations() {
      return events.stream().filter(e -> e.startsWith("op ")).toList();
    }

    List<String> take() {
      List<String> copy = List.copyOf(events);
      events.clear();
      return copy;
    }
  }

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FlakyKeyStore store = new FlakyKeyStore();
  private final Recorder recorder = new Recorder();

  private KesEngine engine(CacheConfig cache) {
    return KesEngine.builder().keyStore(store).cache(cache).clock(clock).listener(recorder).build();
  }

  private KesEngine engine() {
    return engine(CacheConfig.defaults());
  }

  @Test
  void everyKesCall_reportsExactlyOneOperationOfItsOwn() {
    KesEngine kes = engine();
    kes.createKey("k");
    byte[] ct = kes.encrypt("k", new byte[] {1}, new byte[0]);
    Identity admin = kes.identity();
    List<Consumer<Kes>> calls =
        List.of(
            k -> k.createKey("k2"),
            k -> k.importKey("k3", KeyAlgorithm.AES256, new byte[32]),
            k -> k.describeKey("k"),
            k -> k.deleteKey("k2"),
            k -> k.listKeys("*"),
            k -> k.generateKey("k", new byte[0]).close(),
            k -> k.encrypt("k", new byte[] {1}, new byte[0]),
            k -> k.decrypt("k", ct, new byte[0]).close(),
            k -> k.hmac("k", new byte[] {1}),
            k -> k.status(),
            k -> assertThatThrownBy(() -> k.describePolicy("p"))
                .isInstanceOf(PolicyNotFoundException.class),
            k -> assertThatThrownBy(() -> k.readPolicy("p"))
                .isInstanceOf(PolicyNotFoundException.class),
            k -> k.listPolicies("*"),
            k -> k.describeIdentity(admin),
            k -> k.describeSelf(),
            k -> k.listIdentities("*"));
    assertThat(calls).hasSize(Operation.values().length);
    Set<Operation> seen = EnumSet.noneOf(Operation.class);
    for (Consumer<Kes> call : calls) {
      recorder.take();
      call.accept(kes);
      List<String> ops = recorder.operations();
      assertThat(ops).hasSize(1);
      Operation op = operation(ops.get(0));
      assertThat(seen.add(op)).as("reported twice: %s", op).isTrue();
    }
    assertThat(seen).isEqualTo(EnumSet.allOf(Operation.class));
  }

  @Test
  void aView_reportsToTheSameListener() {
    KesEngine kes = engine();
    kes.asUnchecked(new Identity("someone")).createKey("k");
    assertThat(recorder.operations()).containsExactly("op key.create success");
  }

  @Test
  void outcomes_followTheStatusTheCallerSees() {
    KesEngine kes = engine();
    kes.createKey("k");
    byte[] ct = kes.encrypt("k", new byte[] {1}, new byte[] {2});
    recorder.take();

    assertThatThrownBy(() -> kes.decrypt("k", ct, new byte[] {3}))
        .isInstanceOf(NotAuthenticException.class);
    assertThatThrownBy(() -> kes.encrypt("missing", new byte[] {1}, new byte[0]))
        .isInstanceOf(KeyNotFoundException.class);
    assertThatThrownBy(() -> kes.createKey("k")).isInstanceOf(KeyExistsException.class);
    assertThatThrownBy(() -> kes.encrypt("k", null, new byte[0]))
        .isInstanceOf(NullPointerException.class);
    store.offline = true;
    assertThatThrownBy(() -> kes.createKey("k4")).isInstanceOf(KeyStoreUnavailableException.class);

    assertThat(recorder.operations())
        .containsExactly(
            "op key.decrypt client_error",
            "op key.encrypt client_error",
            "op key.create client_error",
            "op key.encrypt client_error",
            "op key.create server_error");
  }

  @Test
  void cacheLookups_areHitsOrMisses_andOnlyMissesReadTheStore() {
    KesEngine kes = engine(new CacheConfig(Duration.ofMinutes(5), Duration.ofSeconds(30),
        Duration.ZERO));
    kes.createKey("k");
    assertThat(recorder.take()).containsExactly("store create success", "op key.create success");

    kes.encrypt("k", new byte[] {1}, new byte[0]);
    assertThat(recorder.take()).containsExactly("cache hit", "op key.encrypt success");

    clock.advance(Duration.ofSeconds(31));
    kes.encrypt("k", new byte[] {1}, new byte[0]);
    assertThat(recorder.take())
        .containsExactly("cache miss", "store get success", "op key.encrypt success");

    assertThatThrownBy(() -> kes.describeKey("missing")).isInstanceOf(KeyNotFoundException.class);
    assertThat(recorder.take())
        .containsExactly("cache miss", "store get not_found", "op key.describe client_error");
  }

  @Test
  void whenTheStoreFails_theOfflineCacheServes_andBothAreReported() {
    KesEngine kes = engine(new CacheConfig(Duration.ofSeconds(10), Duration.ZERO,
        Duration.ofMinutes(5)));
    kes.createKey("k");
    clock.advance(Duration.ofSeconds(11));
    store.offline = true;
    recorder.take();

    kes.encrypt("k", new byte[] {1}, new byte[0]);
    assertThat(recorder.take())
        .containsExactly(
            "cache miss", "store get unreachable", "cache offline", "op key.encrypt success");
  }

  @Test
  void keyStoreCalls_areTimed_withTheirErrors() {
    KesEngine kes = engine();
    kes.createKey("k");
    kes.listKeys("*");
    kes.status();
    kes.deleteKey("k");
    assertThatThrownBy(() -> kes.deleteKey("k")).isInstanceOf(KeyNotFoundException.class);
    assertThat(recorder.events)
        .filteredOn(e -> e.startsWith("store "))
        .containsExactly(
            "store create success",
            "store list success",
            "store status success",
            "store delete success",
            "store delete not_found");
    assertThat(recorder.nanos).allSatisfy(n -> assertThat(n).isNotNegative());
  }

  @Test
  void configuredKeys_areReportedAsTheirCreation() {
    KesEngine.builder().keyStore(store).listener(recorder).keys(List.of("a")).build();
    assertThat(recorder.events).containsExactly("store create success", "op key.create success");
  }

  @Test
  void aListenerThatThrows_neverFailsTheOperation() {
    KesEngineListener broken =
        new KesEngineListener() {
          @Override
          public void onOperation(Operation operation, long nanos, RuntimeException error) {
            throw new IllegalStateException("broken listener");
          }

          @Override
          public void onCacheHit() {
            throw new IllegalStateException("broken listener");
          }

          @Override
          public void onKeyStoreCall(KeyStoreCall call, long nanos, RuntimeException error) {
            throw new IllegalStateException("broken listener");
          }
        };
    KesEngine kes = KesEngine.builder().keyStore(store).listener(broken).build();
    kes.createKey("k");
    byte[] ct = kes.encrypt("k", new byte[] {7}, new byte[0]);
    assertThat(kes.decrypt("k", ct, new byte[0]).bytes()).containsExactly(7);
  }

  @Test
  void outcomeClassification() {
    assertThat(Outcome.of(null)).isEqualTo(Outcome.SUCCESS);
    assertThat(Outcome.of(new NotAllowedException())).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(Outcome.of(new KeyStoreUnavailableException(502, "failed to read key")))
        .isEqualTo(Outcome.SERVER_ERROR);
    assertThat(Outcome.of(new IllegalArgumentException())).isEqualTo(Outcome.CLIENT_ERROR);
    assertThat(Outcome.of(new IllegalStateException())).isEqualTo(Outcome.SERVER_ERROR);
    assertThat(KeyStoreOutcome.of(new EntryExistsException("x"))).isEqualTo(KeyStoreOutcome.EXISTS);
    assertThat(KeyStoreOutcome.of(new EntryNotFoundException("x")))
        .isEqualTo(KeyStoreOutcome.NOT_FOUND);
    assertThat(KeyStoreOutcome.of(new KeyStoreUnreachableException("x")))
        .isEqualTo(KeyStoreOutcome.UNREACHABLE);
    assertThat(KeyStoreOutcome.of(new KeyStoreException("x"))).isEqualTo(KeyStoreOutcome.ERROR);
    assertThat(Outcome.CLIENT_ERROR.tag()).isEqualTo("client_error");
  }

  private static Operation operation(String event) {
    String tag = event.split(" ")[1];
    for (Operation op : Operation.values()) {
      if (op.tag().equals(tag)) {
        return op;
      }
    }
    throw new AssertionError(event);
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The key cache against a model of KES's expiry rules ({@code any}, {@code unused}, {@code
 * offline}), written out as plainly as possible: for random expiries and random sequences of
 * uses, clock steps (whole seconds) and store outages, the engine reads the store exactly when the
 * model says the key has expired, and serves or fails exactly when the model says it may.
 */
class KeyCacheProperties {

  /** One step: advance the clock, use a key, or take the store offline or online. */
  record Step(int kind, int arg) {
    static final int ADVANCE = 0;
    static final int USE = 1;
    static final int OFFLINE = 2;
  }

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> advance = Arbitraries.integers().between(0, 45).map(s -> new Step(0, s));
    Arbitrary<Step> use = Arbitraries.integers().between(0, 2).map(k -> new Step(1, k));
    Arbitrary<Step> offline = Arbitraries.integers().between(0, 1).map(o -> new Step(2, o));
    return Arbitraries.frequencyOf(Tuple.of(4, advance), Tuple.of(6, use), Tuple.of(1, offline))
        .list().ofMinSize(1).ofMaxSize(60);
  }

  @Provide
  Arbitrary<int[]> expiries() {
    return Combinators.combine(
            Arbitraries.of(0, 5, 20, 60),
            Arbitraries.of(0, 3, 10, 30),
            Arbitraries.of(0, 10, 60))
        .as((any, unused, offline) -> new int[] {any, unused, offline});
  }

  /** The model's view of one cached key, in seconds. */
  private static final class Cached {
    long loadedAt;
    long lastUsed;
  }

  @Property(tries = 300)
  void theStoreIsReadExactlyWhenTheModelSaysTheKeyExpired(
      @ForAll("expiries") int[] expiry, @ForAll("steps") List<Step> steps) {
    long any = expiry[0];
    long unused = expiry[1];
    long offline = expiry[2];
    long lifetime = any != 0 ? any : unused;
    long stale = offline == 0 || lifetime == 0 ? 0 : lifetime + offline;

    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    FlakyKeyStore store = new FlakyKeyStore();
    KesEngine kes = KesEngine.builder().keyStore(store).clock(clock)
        .cache(new CacheConfig(Duration.ofSeconds(any), Duration.ofSeconds(unused),
            Duration.ofSeconds(offline)))
        .build();
    Cached[] model = new Cached[3];
    for (int k = 0; k < 3; k++) {
      kes.createKey("k" + k); // cached as it is written
      model[k] = new Cached();
    }
    long now = 0;
    int reads = 0;
    boolean down = false;
    for (Step s : steps) {
      switch (s.kind()) {
        case Step.ADVANCE -> {
          now += s.arg();
          clock.advance(Duration.ofSeconds(s.arg()));
        }
        case Step.OFFLINE -> {
          down = s.arg() == 1;
          store.offline = down;
        }
        default -> {
          int k = s.arg();
          String name = "k" + k;
          Cached c = model[k];
          boolean live = c != null
              && (any == 0 || now - c.loadedAt < any)
              && (unused == 0 || now - c.lastUsed < unused);
          if (live) {
            kes.generateKey(name, new byte[0]);
            c.lastUsed = now;
          } else if (!down) {
            kes.generateKey(name, new byte[0]);
            reads++;
            Cached fresh = new Cached();
            fresh.loadedAt = now;
            fresh.lastUsed = now;
            model[k] = fresh;
          } else if (c != null && stale != 0 && now < c.loadedAt + stale) {
            kes.generateKey(name, new byte[0]); // served offline; the entry is not refreshed
          } else {
            assertThatThrownBy(() -> kes.generateKey(name, new byte[0]))
                .isInstanceOf(KeyStoreUnavailableException.class);
          }
          assertThat(store.reads.get()).as("store reads after %s", s).isEqualTo(reads);
        }
      }
    }
    kes.close();
  }
}

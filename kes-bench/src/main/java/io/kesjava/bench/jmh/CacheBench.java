package io.kesjava.bench.jmh;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyInfo;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.keystore.FileSystemKeyStore;
import io.kesjava.keystore.KeyStore;
import io.kesjava.keystore.MemoryKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The key cache seen through the engine's cheapest call, {@code describeKey}: a hit, and a miss
 * served from the {@code mem} and the {@code fs} store (read and parse the stored key version).
 * A miss is forced by a clock that jumps past the cache's {@code any} expiry before each call.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CacheBench {

  /** {@code hit}: the key stays cached; {@code missMem}/{@code missFs}: every call reads the store. */
  @Param({"hit", "missMem", "missFs"})
  public String path;

  KesEngine engine;
  JumpingClock clock;
  Path dir;
  boolean miss;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    clock = new JumpingClock();
    KeyStore store;
    if (path.equals("missFs")) {
      dir = Files.createTempDirectory("kes-bench-fs");
      store = FileSystemKeyStore.open(dir);
    } else {
      store = new MemoryKeyStore();
    }
    miss = !path.equals("hit");
    engine = KesEngine.builder()
        .keyStore(store)
        .clock(clock)
        .cache(new CacheConfig(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO))
        .build();
    engine.importKey(Fixtures.KEY, KeyAlgorithm.AES256, Fixtures.random(32));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    engine.close();
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Benchmark
  public KeyInfo describe() {
    if (miss) {
      clock.jump(Duration.ofMinutes(2));
    }
    return engine.describeKey(Fixtures.KEY);
  }

  /** A clock that only moves when told to; thread-safe. */
  static final class JumpingClock extends Clock {
    private final AtomicLong nanos = new AtomicLong(System.currentTimeMillis() * 1_000_000L);

    void jump(Duration d) {
      nanos.addAndGet(d.toNanos());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      long n = nanos.get();
      return Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
    }
  }
}

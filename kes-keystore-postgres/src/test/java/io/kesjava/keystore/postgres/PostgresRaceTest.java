package io.kesjava.keystore.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.DataKey;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyExistsException;
import io.kesjava.crypto.SecretBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two servers on one database: two {@link KesEngine}s (the engine a server runs), each with its own
 * store and connection pool, race to create the same 1,000 key names. kes-it runs the same with two
 * {@code kes server} processes on fewer names.
 */
class PostgresRaceTest {

  private static final int NAMES = 1000;
  private static final int THREADS_PER_SERVER = 4;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void twoServersRacingToCreate1000Names_haveExactlyOneWinnerEach_andServeTheWinnersKey()
      throws Exception {
    String table = PostgresFixture.newTable();
    KesEngine[] servers = {
      KesEngine.builder().keyStore(PostgresFixture.app().table(table).build()).build(),
      KesEngine.builder().keyStore(PostgresFixture.app().table(table).build()).build()
    };
    AtomicIntegerArray wins = new AtomicIntegerArray(NAMES);
    AtomicIntegerArray exists = new AtomicIntegerArray(NAMES);
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_SERVER);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (KesEngine server : servers) {
        for (int t = 0; t < THREADS_PER_SERVER; t++) {
          int first = t;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    // Both servers walk the names in the same order: each name is contended.
                    for (int i = first; i < NAMES; i += THREADS_PER_SERVER) {
                      try {
                        server.createKey(name(i));
                        wins.incrementAndGet(i);
                      } catch (KeyExistsException e) {
                        exists.incrementAndGet(i);
                      } catch (RuntimeException e) {
                        unexpected.add(e);
                      }
                    }
                    return null;
                  }));
        }
      }
      go.countDown();
      for (Future<?> f : done) {
        f.get(50, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(unexpected).isEmpty();
    for (int i = 0; i < NAMES; i++) {
      assertThat(wins.get(i)).as("creates of %s that succeeded", name(i)).isEqualTo(1);
      assertThat(exists.get(i)).as("creates of %s that found it", name(i)).isEqualTo(1);
    }
    // Both servers serve the one stored key: a data key of one opens on the other (every 7th
    // name, both ways).
    byte[] context = "race".getBytes(UTF_8);
    for (int i = 0; i < NAMES; i += 7) {
      try (DataKey dek = servers[i % 2].generateKey(name(i), context);
          SecretBytes opened = servers[(i + 1) % 2].decrypt(name(i), dek.ciphertext(), context)) {
        assertThat(opened.bytes()).isEqualTo(dek.plaintext().bytes());
      }
    }
    assertThat(servers[0].listKeys("race-*").names()).hasSize(NAMES);
    servers[0].close();
    servers[1].close();
  }

  private static String name(int i) {
    return String.format("race-%04d", i);
  }
}

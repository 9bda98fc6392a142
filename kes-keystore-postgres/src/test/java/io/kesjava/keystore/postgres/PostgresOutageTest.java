package io.kesjava.keystore.postgres;

import static io.kesjava.keystore.postgres.PostgresFixture.APP_DATABASE;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.CacheConfig;
import io.kesjava.core.DataKey;
import io.kesjava.core.KesEngine;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.KeyStoreUnreachableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The database going away: stopped (as if it crashed) and started again under load, and read-only
 * (as a hot standby is). These tests stop the shared cluster, and start it again before they end.
 */
class PostgresOutageTest {

  private final PostgresCluster pg = PostgresFixture.cluster();

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void theDatabaseStoppedAndStartedUnderLoad_losesNoAcknowledgedKey_andTheOfflineCacheServes()
      throws Exception {
    Duration connectTimeout = Duration.ofMillis(500);
    PostgresKeyStore store = PostgresFixture.app().connectTimeout(connectTimeout).build();
    // Every read goes to the store (the live cache expires at once); the offline copy stays.
    KesEngine engine =
        KesEngine.builder()
            .keyStore(store)
            .cache(new CacheConfig(Duration.ofMillis(1), Duration.ZERO, Duration.ofHours(1)))
            .build();
    byte[] context = "ctx".getBytes(UTF_8);
    engine.createKey("cached");
    DataKey dek = engine.generateKey("cached", context);

    Map<String, byte[]> acknowledged = new ConcurrentHashMap<>();
    AtomicInteger phase = new AtomicInteger(); // 0 before, 1 down, 2 after the restart
    AtomicInteger[] acks = {new AtomicInteger(), new AtomicInteger(), new AtomicInteger()};
    AtomicInteger unreachable = new AtomicInteger();
    AtomicLong slowestFailureNanos = new AtomicLong();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    AtomicBoolean running = new AtomicBoolean(true);
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int w = 0; w < writers; w++) {
        int writer = w;
        pool.submit(
            () -> {
              for (int i = 0; running.get(); i++) {
                String name = "load-" + writer + "-" + i;
                byte[] value = ("value of " + name).getBytes(UTF_8);
                int during = phase.get();
                long start = System.nanoTime();
                try {
                  store.create(name, value);
                  acknowledged.put(name, value);
                  acks[during].incrementAndGet();
                } catch (KeyStoreUnreachableException e) {
                  unreachable.incrementAndGet();
                  slowestFailureNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                } catch (Throwable e) {
                  unexpected.add(e);
                }
                sleep(2);
              }
            });
      }
      sleep(400);
      pg.stop(true); // immediate: no checkpoint, as in a crash
      phase.set(1);
      try {
        sleep(300);
        assertThatThrownBy(() -> store.get("cached"))
            .isInstanceOf(KeyStoreUnreachableException.class);
        assertThatThrownBy(store::status).isInstanceOf(KeyStoreUnreachableException.class);
        try (SecretBytes plaintext = engine.decrypt("cached", dek.ciphertext(), context)) {
          assertThat(plaintext.bytes())
              .as("the key, served by the offline cache while the database is down")
              .isEqualTo(dek.plaintext().bytes());
        }
        sleep(400);
      } finally {
        pg.start();
      }
      phase.set(2);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (acks[2].get() < 5 && System.nanoTime() < deadline) {
        sleep(50);
      }
    } finally {
      running.set(false);
      pool.shutdown();
      assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
    }

    assertThat(unexpected).isEmpty();
    assertThat(acks[0].get()).as("creates acknowledged before the stop").isPositive();
    assertThat(unreachable.get()).as("creates refused as unreachable while down").isPositive();
    assertThat(acks[2].get())
        .as("creates acknowledged after the restart")
        .isGreaterThanOrEqualTo(5);
    assertThat(Duration.ofNanos(slowestFailureNanos.get()))
        .as("the slowest refused create: the connect timeout, not the pool's 30 s")
        .isLessThan(connectTimeout.plusSeconds(3));
    Map<String, byte[]> stored = rows(store.description());
    for (Map.Entry<String, byte[]> ack : acknowledged.entrySet()) {
      assertThat(stored.get(ack.getKey())).as(ack.getKey()).isEqualTo(ack.getValue());
    }
    try (SecretBytes plaintext = engine.decrypt("cached", dek.ciphertext(), context)) {
      assertThat(plaintext.bytes()).isEqualTo(dek.plaintext().bytes());
    }
    dek.close();
    engine.close();
  }

  @Test
  void aReadOnlyDatabase_makesCreatesAndDeletesUnreachable_whileReadsAreServed() {
    String table = PostgresFixture.newTable();
    try (PostgresKeyStore primary = PostgresFixture.app().table(table).build()) {
      primary.create("k", new byte[] {1});
    }
    pg.execute(
        APP_DATABASE,
        "CREATE ROLE kes_standby LOGIN PASSWORD 'standby-pw' IN ROLE tls_only",
        "ALTER ROLE kes_standby SET default_transaction_read_only = on",
        "GRANT SELECT, INSERT, DELETE ON " + table + " TO kes_standby");

    try (PostgresKeyStore standby =
        PostgresFixture.app().user("kes_standby").password("standby-pw").table(table).build()) {
      assertThat(standby.get("k")).containsExactly(1);
      assertThat(standby.list("", "", 0).names()).containsExactly("k");
      assertThat(standby.status()).isPositive();
      for (Runnable write :
          List.<Runnable>of(
              () -> standby.create("new", new byte[] {2}), () -> standby.delete("k"))) {
        assertThatThrownBy(write::run)
            .isInstanceOf(KeyStoreUnreachableException.class)
            .hasMessageContaining("the database is read-only");
      }
      assertThat(standby.get("k")).containsExactly(1);
    }
  }

  /** Every row of the store's table, read by the superuser. */
  private Map<String, byte[]> rows(String description) throws Exception {
    String table =
        description.substring(description.indexOf("(table ") + 7, description.length() - 1);
    Map<String, byte[]> rows = new java.util.HashMap<>();
    try (java.sql.Connection c = pg.superuser(APP_DATABASE);
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet r = s.executeQuery("SELECT name, value FROM " + table)) {
      while (r.next()) {
        rows.put(r.getString(1), r.getBytes(2));
      }
    }
    return rows;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.client.KesClient;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.postgres.PostgresCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code keystore.postgres} (see docs/keystores/postgres.md) against a real PostgreSQL, the private
 * cluster of kes-keystore-postgres's tests: over TLS verified against {@code tls.ca}, with a SCRAM
 * password the server reads from the environment ({@code ${KES_DB_PASSWORD}}). The role may log in
 * only over TLS. The stored value is the row's {@code value}, read with SQL.
 *
 * <p>Beyond the shared scenario: two servers on one database race to create the same names, and
 * ride out the database stopped (as in a crash) and started again.
 */
class PostgresE2eTest extends KeyStoreE2eTest {

  private static final String USER = "kes_e2e";
  private static final String PASSWORD = "e2e-Pa55word-from-the-environment";
  private static final String DATABASE = "kes_e2e";
  private static final int RACE_NAMES = 100;
  private static int tables;
  private static boolean roleMade;

  private PostgresCluster pg;
  private String table;

  @BeforeEach
  void prepareDatabase() {
    pg = PostgresCluster.shared();
    synchronized (PostgresE2eTest.class) {
      if (!roleMade) {
        pg.execute(
            "postgres",
            "CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "' IN ROLE tls_only",
            "CREATE DATABASE " + DATABASE + " OWNER " + USER);
        roleMade = true;
      }
      table = "e2e_keys_" + (++tables);
    }
  }

  /** The database's log, into the test's output file, for whoever reads a failure. */
  @org.junit.jupiter.api.AfterEach
  void printDatabaseLog() {
    System.out.println("---- postgres log ----\n" + pg.log() + "\n---- end of postgres log ----");
  }

  @Override
  String keyStoreSection() {
    return String.join(
        "\n",
        "  postgres:",
        "    url: jdbc:postgresql://127.0.0.1:" + pg.port() + "/" + DATABASE,
        "    table: " + table,
        "    credentials:",
        "      user: " + USER,
        "      password: ${KES_DB_PASSWORD}",
        "    tls:",
        "      ca: " + pg.caFile(),
        "    pool_size: 4",
        // Long enough for a pooled TLS login on a busy 2-core machine (1 s made the race's
        // creates time out there now and then), short enough for the outage to show quickly.
        "    connect_timeout: 3s");
  }

  @Override
  Map<String, String> serverEnvironment() {
    return Map.of("KES_DB_PASSWORD", PASSWORD);
  }

  @Override
  String description() {
    return "PostgreSQL: 127.0.0.1:" + pg.port() + "/" + DATABASE + " (table " + table + ")";
  }

  @Override
  Optional<byte[]> storedValue(String name) throws Exception {
    try (Connection c = pg.superuser(DATABASE);
        PreparedStatement s =
            c.prepareStatement("SELECT value FROM " + table + " WHERE name = ?")) {
      s.setString(1, name);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
      }
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void twoServersOnOneDatabase_raceOnNames_andRideOutTheDatabaseStoppedAndStarted()
      throws Exception {
    CertifiedKey adminKeys = SelfSigned.builder().commonName("kes-it admin").clientAuth().build();
    Path adminCert =
        Files.writeString(
            dir.resolve("shared-admin.cert"), Pem.encodeCertificate(adminKeys.certificate()));
    Path adminKey =
        Files.writeString(
            dir.resolve("shared-admin.key"), Pem.encodePrivateKey(adminKeys.privateKey()));
    // A cached key lives 1 s, then only the offline copy (1 h) is left.
    Path config =
        Files.writeString(
            dir.resolve("shared.yml"),
            String.join(
                "\n",
                "version: v1",
                "address: 127.0.0.1:0",
                "admin:",
                "  identity: " + Identity.of(adminKeys.certificate()).value(),
                "tls:",
                "  key: " + PKI.writeServerKey(dir.resolve("shared-server.key")),
                "  cert: " + PKI.writeServerChain(dir.resolve("shared-server.cert")),
                "cache:",
                "  expiry:",
                "    any: 1s",
                "    unused: 1s",
                "    offline: 1h",
                "log:",
                "  error: on",
                "keystore:",
                keyStoreSection(),
                ""));
    CompletableFuture<KesServerProcess> startA = CompletableFuture.supplyAsync(() -> start(config));
    CompletableFuture<KesServerProcess> startB = CompletableFuture.supplyAsync(() -> start(config));
    try (KesServerProcess a = startA.join();
        KesServerProcess b = startB.join();
        KesClient kesA = client(a, adminCert, adminKey);
        KesClient kesB = client(b, adminCert, adminKey)) {
      race(kesA, kesB);

      // Both serve the one stored key: a data key made by one opens on the other.
      byte[] context = "e2e".getBytes(UTF_8);
      for (int i = 0; i < RACE_NAMES; i += 10) {
        try (DataKey dek = kesA.generateKey(name(i), context);
            SecretBytes opened = kesB.decrypt(name(i), dek.ciphertext(), context)) {
          assertThat(opened.bytes()).isEqualTo(dek.plaintext().bytes());
        }
      }
      // A key server B never read: B has nothing of it cached.
      String unseenByB = "e2e-only-on-a";
      kesA.createKey(unseenByB);

      DataKey cached = kesA.generateKey(name(0), context);
      pg.stop(true);
      try {
        Thread.sleep(1500);
        try (SecretBytes opened = kesA.decrypt(name(0), cached.ciphertext(), context)) {
          assertThat(opened.bytes())
              .as("a key server A read before the outage, from its offline cache")
              .isEqualTo(cached.plaintext().bytes());
        }
        assertThatThrownBy(() -> kesB.describeKey(unseenByB))
            .isInstanceOf(KeyStoreUnavailableException.class);
        assertThatThrownBy(() -> kesA.createKey("e2e-during-the-outage"))
            .isInstanceOf(KeyStoreUnavailableException.class);
        assertThat(kesA.isReady()).isFalse();
      } finally {
        pg.start();
      }

      // The pools reconnect by themselves (their retries back off to one every 5 s): no restart.
      within(15, () -> kesA.createKey("e2e-after-the-outage"));
      within(15, () -> kesB.describeKey("e2e-after-the-outage"));
      assertThat(kesB.describeKey(unseenByB).name()).isEqualTo(unseenByB);
      assertThat(kesB.isReady()).isTrue();
      assertThat(kesB.listKeys("e2e-race-*").names()).hasSize(RACE_NAMES);
      cached.close();
    }
    assertThat(sentinel.attempts()).isEmpty();
  }

  /**
   * Both servers create the same names at once, in the same order, four threads each: every name
   * must have exactly one winner.
   */
  private static void race(KesClient kesA, KesClient kesB) throws Exception {
    AtomicIntegerArray wins = new AtomicIntegerArray(RACE_NAMES);
    AtomicIntegerArray exists = new AtomicIntegerArray(RACE_NAMES);
    AtomicIntegerArray winsOfB = new AtomicIntegerArray(1);
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (KesClient kes : List.of(kesA, kesB)) {
        for (int t = 0; t < 4; t++) {
          int first = t;
          done.add(
              pool.submit(
                  () -> {
                    go.await();
                    for (int i = first; i < RACE_NAMES; i += 4) {
                      try {
                        kes.createKey(name(i));
                        wins.incrementAndGet(i);
                        if (kes == kesB) {
                          winsOfB.incrementAndGet(0);
                        }
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
        f.get(2, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(unexpected).isEmpty();
    for (int i = 0; i < RACE_NAMES; i++) {
      assertThat(wins.get(i)).as("creates of %s that succeeded", name(i)).isEqualTo(1);
      assertThat(exists.get(i))
          .as("creates of %s answered 'key already exists'", name(i))
          .isEqualTo(1);
    }
    System.out.println("race: server B won " + winsOfB.get(0) + " of " + RACE_NAMES + " names");
  }

  /** Runs {@code call} until it does not fail for an unavailable key store, for some seconds. */
  private static void within(int seconds, Runnable call) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      try {
        call.run();
        return;
      } catch (KeyStoreUnavailableException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  private static String name(int i) {
    return String.format("e2e-race-%03d", i);
  }

  private KesServerProcess start(Path config) {
    try {
      return KesServerProcess.start(config, serverEnvironment(), List.of(), sentinel);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private KesClient client(KesServerProcess server, Path cert, Path key) {
    return KesClient.builder()
        .endpoint(server.endpoint().toString())
        .clientCertificate(cert, key)
        .trustedCertificates(caFile)
        .systemTrustStore(false)
        .build();
  }
}

package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.kesjava.core.ApiKey;
import io.kesjava.core.CacheConfig;
import io.kesjava.core.KesEngine;
import io.kesjava.core.KeyStoreUnavailableException;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.contract.ContractPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit and error log streams ({@code docs/http-api.md#log-streams}) of a real server. */
class LogStreamTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final ApiKey ADMIN = ApiKey.generate();
  private static final ApiKey USER = ApiKey.generate();
  private static final FlakyStore STORE = new FlakyStore();
  private static TestServer server;
  private static KesClient admin;

  @BeforeAll
  static void start() {
    KesEngine engine = KesEngine.builder().keyStore(STORE)
        .cache(new CacheConfig(Duration.ofNanos(1), Duration.ofNanos(1), Duration.ZERO))
        .policies(ContractPolicies.table(ADMIN.identity(), USER.identity())).build();
    server = TestServer.start(engine, 0);
    admin = server.client().apiKey(ADMIN).retries(0, Duration.ZERO, Duration.ZERO).build();
  }

  @AfterAll
  static void stop() {
    admin.close();
    server.close();
  }

  @Test
  void auditLog_yieldsTheEventsOfRequestsMadeAfterSubscribing() {
    admin.createKey("before");
    Instant start = Instant.now().minusSeconds(1);
    try (LogStream<AuditEvent> log = admin.auditLog()) {
      admin.createKey("after");
      admin.deleteKey("after");
      AuditEvent created = within(log::next);
      assertThat(created.path()).isEqualTo("/v1/key/create/after");
      assertThat(created.statusCode()).isEqualTo(200);
      assertThat(created.identity()).isEqualTo(ADMIN.identity().value());
      assertThat(created.ip()).isEqualTo("127.0.0.1");
      assertThat(created.time()).isAfter(start);
      assertThat(created.json()).startsWith("{\"time\":");
      AuditEvent deleted = within(log::next);
      assertThat(deleted.path()).isEqualTo("/v1/key/delete/after");
    }
  }

  @Test
  void errorLog_yieldsTheServersFailures() {
    admin.createKey("failing");
    try (LogStream<ErrorEvent> log = admin.errorLog()) {
      STORE.failNext(1, 502);
      assertThatThrownBy(() -> admin.describeKey("failing"))
          .isExactlyInstanceOf(KeyStoreUnavailableException.class);
      ErrorEvent e = within(log::next);
      assertThat(e.message()).contains("level=ERROR").contains("key store is busy")
          .contains("req.path=/v1/key/describe/failing");
    }
  }

  @Test
  void closingAStream_releasesItsConnection_andTheServerDropsTheSubscriber() {
    int before = server.server.auditLog().subscriberCount();
    LogStream<AuditEvent> log = admin.auditLog();
    waitFor(() -> server.server.auditLog().subscriberCount() == before + 1);
    log.close();
    assertThat(log.hasNext()).isFalse();
    assertThat(log.isClosed()).isTrue();
    // The server notices a gone subscriber when it next writes to it.
    waitFor(() -> {
      admin.status();
      return server.server.auditLog().subscriberCount() == before;
    });
  }

  @Test
  void closingAStream_fromAnotherThread_endsAWaitingReader() throws Exception {
    LogStream<AuditEvent> log = admin.auditLog();
    CompletableFuture<Boolean> reader = CompletableFuture.supplyAsync(log::hasNext);
    Thread.sleep(100); // let the reader block; the result does not depend on it
    log.close();
    assertThat(reader.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void aStream_needsPermission() {
    try (KesClient user = server.client().apiKey(USER).build()) {
      assertThatThrownBy(user::auditLog).isExactlyInstanceOf(NotAllowedException.class);
      assertThatThrownBy(user::errorLog).isExactlyInstanceOf(NotAllowedException.class);
    }
  }

  private static <T> T within(java.util.function.Supplier<T> call) {
    return assertTimeoutPreemptively(WAIT, call::get);
  }

  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within " + WAIT).isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}

package io.kesjava.cli;

import static io.kesjava.cli.CliServer.kes;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.cli.CliServer.Result;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code kes log} follows a real server's audit log ({@code docs/cli.md#kes-log}). */
class LogCommandTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static CliServer server;
  private static Map<String, String> env;

  @BeforeAll
  static void start() {
    server = new CliServer();
    env = server.adminEnv();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Runs {@code kes log} until it saw one event; the event is a key created after it subscribed. */
  private static Result followOneEvent(String key, String... options) throws Exception {
    int before = server.server.auditLog().subscriberCount();
    String[] args = new String[options.length + 3];
    args[0] = "log";
    args[1] = "-k";
    args[2] = "--count=1";
    System.arraycopy(options, 0, args, 3, options.length);
    CompletableFuture<Result> log = CompletableFuture.supplyAsync(() -> kes(env, args));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (server.server.auditLog().subscriberCount() == before && !log.isDone()) {
      assertThat(System.nanoTime()).as("kes log subscribed in time").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(kes(env, "key", "create", "-k", key).status()).isZero();
    return log.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  @Test
  void audit_printsAHeaderAndOneRowPerRequest() throws Exception {
    Result r = followOneEvent("logged");
    assertThat(r.status()).as(r.err()).isZero();
    String[] lines = r.out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("Time        Status    Identity                IP");
    assertThat(lines[1]).matches("\\d\\d:\\d\\d:\\d\\d    200       "
        + server.admin.identity().value().substring(0, 20)
        + " +127\\.0\\.0\\.1 +/v1/key/create/logged +\\S+");
  }

  @Test
  void audit_withJson_printsTheServersLines() throws Exception {
    Result r = followOneEvent("logged-json", "--json");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("{\"time\":\"")
        .contains("\"path\":\"/v1/key/create/logged-json\"").endsWith("}\n").hasLineCount(1);
  }

  @Test
  void auditAndErrorTogether_orArguments_areErrors() {
    assertThat(kes(env, "log", "--audit", "--error"))
        .isEqualTo(new Result(1, "", "Error: cannot display audit and error logs at the same time\n"));
    assertThat(kes(env, "log", "x"))
        .isEqualTo(new Result(1, "", "Error: too many arguments. See 'kes log --help'\n"));
  }

  @Test
  void latency_isRoundedAsGoPrintsIt() {
    assertThat(LogCommand.latency(Duration.ofMillis(2))).isEqualTo("2ms");
    assertThat(LogCommand.latency(Duration.ofNanos(12_345_678))).isEqualTo("12ms");
    assertThat(LogCommand.latency(Duration.ofMillis(1234))).isEqualTo("1.2s");
    assertThat(LogCommand.latency(Duration.ofNanos(1_234_567))).isEqualTo("1.2ms");
    assertThat(LogCommand.latency(Duration.ofNanos(12_345))).isEqualTo("12µs");
    assertThat(LogCommand.latency(Duration.ZERO)).isEqualTo("0s");
  }
}

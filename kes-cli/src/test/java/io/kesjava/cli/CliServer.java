package io.kesjava.cli;

import io.kesjava.core.ApiKey;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.KesServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A real server on loopback with a self-signed certificate, and a way to run {@code kes}. */
final class CliServer implements AutoCloseable {

  final ApiKey admin = ApiKey.generate();
  final ApiKey user = ApiKey.generate();
  final KesServer server;

  CliServer() {
    PolicyTable policies = PolicyTable.builder().admin(admin.identity().value())
        .policy(new Policy("app", List.of("/v1/key/*/app-*", "/v1/status"),
            List.of("/v1/key/delete/*")), List.of(user.identity().value()))
        .build();
    KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore()).policies(policies)
        .build();
    server = KesServer.builder()
        .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .sslContext(Tls.serverContext().credential(SelfSigned.server().build())
            .clientAuth(ClientAuth.REQUIRE_ANY).build())
        .engine(engine)
        .errorLog(false, ErrorEvent.INFO)
        .version("cli-test")
        .drainTimeout(Duration.ofMillis(200))
        .build()
        .start();
  }

  String address() {
    return "127.0.0.1:" + server.address().getPort();
  }

  /** The environment of a user of the admin's API key. */
  Map<String, String> adminEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("KES_SERVER", address());
    env.put("KES_API_KEY", admin.revealText());
    return env;
  }

  @Override
  public void close() {
    server.close();
  }

  /** What one run of {@code kes} printed and returned. */
  record Result(int status, String out, String err) {}

  static Result kes(Map<String, String> env, String... args) {
    return kes(env, false, args);
  }

  /** Runs {@code kes} with a terminal that answers password prompts with {@code passwords}. */
  static Result kes(Map<String, String> env, Cli.PasswordReader passwords, String... args) {
    return run(env, false, passwords, args);
  }

  static Result kes(Map<String, String> env, boolean terminal, String... args) {
    return run(env, terminal, null, args);
  }

  private static Result run(Map<String, String> env, boolean terminal,
      Cli.PasswordReader passwords, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int status = KesMain.run(new Cli(o, e, terminal, env::get, passwords), args);
    return new Result(status, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }
}

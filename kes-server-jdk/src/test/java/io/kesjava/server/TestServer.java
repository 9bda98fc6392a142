package io.kesjava.server;

import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A KES server on loopback over real TLS with an in-memory key store, for end-to-end tests. */
final class TestServer implements AutoCloseable {

  static final Cred SERVER = Cred.create("localhost");

  final KesEngine engine;
  final KesServer server;

  private TestServer(KesEngine engine, KesServer server) {
    this.engine = engine;
    this.server = server;
  }

  static Builder builder(Cred admin) {
    return new Builder(admin.id());
  }

  TestClient client(Cred cred) {
    return new TestClient(server.address(), Cred.clientContext(cred));
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }

  static final class Builder {
    private final PolicyTable.Builder policies;
    private final Map<String, RouteSettings> api = new HashMap<>();
    private ClientAuth clientAuth = ClientAuth.REQUIRE_ANY;
    private Set<String> proxies = Set.of();
    private String proxyHeader = "X-Tls-Client-Cert";
    private Duration streamHeartbeat = Duration.ofSeconds(10);
    private int maxStreamSubscribers = 32;
    private java.util.function.Predicate<java.security.cert.X509Certificate> forwardedTrust =
        c -> true;
    private Duration headerTimeout = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ofSeconds(90);

    Builder(String admin) {
      policies = PolicyTable.builder().admin(admin);
    }

    Builder policy(String name, List<String> allow, List<String> deny, String... identities) {
      policies.policy(new Policy(name, allow, deny), List.of(identities));
      return this;
    }

    Builder api(String path, Duration timeout, boolean skipAuth) {
      api.put(path, new RouteSettings(timeout, skipAuth));
      if (skipAuth) {
        clientAuth = ClientAuth.REQUEST;
      }
      return this;
    }

    Builder proxy(String header, String... identities) {
      proxies = Set.of(identities);
      proxyHeader = header;
      return this;
    }

    Builder forwardedTrust(
        java.util.function.Predicate<java.security.cert.X509Certificate> trusted) {
      forwardedTrust = trusted;
      return this;
    }

    Builder timeouts(Duration header, Duration idle) {
      headerTimeout = header;
      idleTimeout = idle;
      return this;
    }

    Builder logStreams(Duration heartbeat, int maxSubscribers) {
      streamHeartbeat = heartbeat;
      maxStreamSubscribers = maxSubscribers;
      return this;
    }

    TestServer start() throws Exception {
      KesEngine engine = KesEngine.builder()
          .keyStore(new MemoryKeyStore())
          .policies(policies.build())
          .build();
      KesServer server = KesServer.builder()
          .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .sslContext(Cred.serverContext(SERVER))
          .clientAuth(clientAuth)
          .engine(engine)
          .apiSettings(api)
          .tlsProxy(proxies, proxyHeader)
          .errorLog(false, ErrorEvent.INFO)
          .version("test-version")
          .drainTimeout(Duration.ofSeconds(1))
          .logStreams(streamHeartbeat, maxStreamSubscribers)
          .forwardedCertificateTrust(forwardedTrust)
          .timeouts(headerTimeout, idleTimeout)
          .build()
          .start();
      return new TestServer(engine, server);
    }
  }
}

package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class KesServerTest {

  static final TestPki.Cred ADMIN = TestPki.create("admin");

  @Test
  void build_requiresContextAndEngine() {
    assertThatThrownBy(() -> KesServer.builder().build())
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> KesServer.builder().sslContext(TestPki.serverContext(ADMIN)).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("engine");
  }

  @Test
  void changingTheBuilderAfterBuild_changesNoServer() throws Exception {
    try (io.kesjava.core.KesEngine engine = io.kesjava.core.KesEngine.builder()
        .keyStore(new io.kesjava.keystore.MemoryKeyStore()).build()) {
      KesServer.Builder b = KesServer.builder()
          .address(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
          .sslContext(TestPki.serverContext(ADMIN)).engine(engine).version("built");
      KesServer server = b.build();
      b.address(new java.net.InetSocketAddress("203.0.113.1", 1)).version("changed");
      try (KesServer started = server.start()) {
        TestClient client = new TestClient(started.address(), TestPki.clientContext(ADMIN));
        assertThat(started.address().getAddress().isLoopbackAddress()).isTrue();
        assertThat(client.get("/version").json().get("version").asText()).isEqualTo("built");
      }
    }
  }

  @Test
  void close_endsLogStreams_refusesNewConnections_andIsIdempotent() throws Exception {
    TestServer s = TestServer.builder(ADMIN).start();
    TestClient admin = s.client(ADMIN);
    LogStreamTest.Stream stream = new LogStreamTest.Stream(admin, "/v1/log/audit");
    assertThat(stream.head.status()).isEqualTo(200);
    s.server.close();
    assertThat(stream.next()).isNull(); // the chunked body ended cleanly
    stream.close();
    s.server.close();
    assertThatThrownBy(() -> admin.get("/version")).isInstanceOf(java.io.IOException.class);
    s.engine.close();
  }

  @Test
  void requestsRunOnVirtualThreadsWhereTheJdkHasThem() throws Exception {
    ExecutorService e = ServerTuning.executor(4);
    try {
      Future<Boolean> virtual = e.submit(() -> {
        try {
          Method m = Thread.class.getMethod("isVirtual");
          return (Boolean) m.invoke(Thread.currentThread());
        } catch (NoSuchMethodException none) {
          return false;
        }
      });
      assertThat(virtual.get()).isEqualTo(Runtime.version().feature() >= 21);
    } finally {
      e.shutdownNow();
    }
  }
}

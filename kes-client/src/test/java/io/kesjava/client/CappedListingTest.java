package io.kesjava.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.KesEngine;
import io.kesjava.core.Listing;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.PolicyTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@link KesClient#listKeys(String)} follows {@code continue_at}: against a loopback HTTPS server
 * that answers listings as Go KES does with a page cap of 3 names, and against this project's
 * server, which never caps.
 */
class CappedListingTest {

  private static final Set<String> KEYS = new TreeSet<>(List.of("a-1", "a-2", "a-3", "a-4", "a-40",
      "a-5", "b", "b-1", "ba", "c_1", "c_2", "d", "z-0", "z-1", "z-2", "z-3", "z-4"));

  @Test
  void aGoKesLikeServerCappingAt3_isListedCompletely() throws IOException {
    try (CappingServer server = new CappingServer(KEYS, 3);
        KesClient client = KesClient.builder().endpoint(server.endpoint())
            .trustedCertificates(TestServer.SERVER_CERT.chain()).systemTrustStore(false)
            .apiKey(ApiKey.generate()).build()) {
      Listing all = client.listKeys("");
      assertThat(all.names()).containsExactlyElementsOf(KEYS);
      assertThat(all.continueAt()).isEmpty();
      assertThat(client.listKeys("a-").names())
          .containsExactly("a-1", "a-2", "a-3", "a-4", "a-40", "a-5");
      assertThat(client.listKeys("z").names()).containsExactly("z-0", "z-1", "z-2", "z-3", "z-4");
      // kms-go's way, feeding continue_at back as the next prefix, would have stopped at a-4...
      assertThat(server.requests).contains("GET /v1/key/list/a-4");
    }
  }

  @Test
  void thisProjectsServer_answersWholeListingsInOneRequest() {
    ApiKey admin = ApiKey.generate();
    KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore())
        .policies(PolicyTable.builder().admin(admin.identity().value()).build()).build();
    List<String> names = IntStream.range(0, 1500).mapToObj(i -> String.format("k%04d", i))
        .collect(Collectors.toList());
    names.forEach(engine::createKey);
    try (TestServer server = TestServer.start(engine, 0);
        KesClient client = server.client().apiKey(admin).build()) {
      assertThat(client.listKeys("*").names()).isEqualTo(names);
    }
  }

  /** Answers {@code GET /v1/key/list/<prefix>} as Go KES does, capped at {@code cap} names. */
  static final class CappingServer implements AutoCloseable {
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final Set<String> keys;
    private final int cap;
    private final ServerSocket socket;

    CappingServer(Set<String> keys, int cap) throws IOException {
      this.keys = keys;
      this.cap = cap;
      socket = Tls.serverContext().credential(TestServer.SERVER_CERT)
          .clientAuth(ClientAuth.REQUIRE_ANY).build().getServerSocketFactory()
          .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread t = new Thread(this::serve, "capping-server");
      t.setDaemon(true);
      t.start();
    }

    String endpoint() {
      return "https://127.0.0.1:" + socket.getLocalPort();
    }

    private void serve() {
      while (!socket.isClosed()) {
        try (Socket s = socket.accept()) {
          answer(s);
        } catch (IOException | RuntimeException e) {
          // a failed handshake or a closed socket: go on with the next connection
        }
      }
    }

    /** Answers the requests of one connection, kept alive as Go's server keeps it. */
    private void answer(Socket s) throws IOException {
      String line;
      OutputStream out = s.getOutputStream();
      while ((line = requestLine(s.getInputStream())) != null) {
        requests.add(line.substring(0, line.lastIndexOf(' ')));
        String path = line.split(" ")[1];
        String arg = URLDecoder.decode(path.substring("/v1/key/list/".length()),
            StandardCharsets.UTF_8);
        Listing page = PagingTest.goKesPage(keys, arg, cap);
        String body = "{\"names\":[" + page.names().stream().map(n -> "\"" + n + "\"")
            .collect(Collectors.joining(",")) + "],\"continue_at\":\"" + page.continueAt()
            + "\"}";
        // one write: head and body in two segments would wait for the client's delayed ACK
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
            .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }

    private static String requestLine(InputStream in) throws IOException {
      StringBuilder sb = new StringBuilder();
      int c;
      while ((c = in.read()) != -1) {
        sb.append((char) c);
        if (sb.length() >= 4 && sb.substring(sb.length() - 4).equals("\r\n\r\n")) {
          return sb.substring(0, sb.indexOf("\r\n"));
        }
      }
      return null;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}

package io.kesjava.bench.server;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.kesjava.bench.DriverArgs;
import io.kesjava.bench.RawPipeline;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.KesServer;
import io.kesjava.server.http.BareLayer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The server side of the load runs, one JVM process: the KES server ({@link KesServer} over a
 * {@code mem} store, the driver's certificate as admin); bare routes on the same HTTP layer ({@link
 * BareLayer}: the KES server's listener and request framing, trivial handlers); and a bare JDK
 * {@link HttpsServer} with the same TLS settings and executor. Both bare servers serve {@code
 * /fixed} (a fixed 100-byte JSON body: the HTTPS ceiling), {@code /dek} and {@code /dek-decrypt}
 * (the raw DEK pipeline without our layers); the JDK one also {@code /rss} (resident memory, for
 * the harness).
 *
 * <pre>
 * java -cp ... io.kesjava.bench.server.BenchServer --dir DIR [--kes-port P] [--only-kes]
 *     [--preload N]
 * </pre>
 *
 * <p>Writes into DIR: {@code client.key}, {@code client.cert}, {@code ciphertexts} (base64 DEK
 * ciphertexts under {@code bench-key}, one per line) and, last, {@code ports} ("kes bare pid
 * layer").
 * Runs until killed.
 */
public final class BenchServer {

  static final String KEY = "bench-key";
  static final String CONTEXT_B64 = Base64.getEncoder().encodeToString(
      "{\"bucket\":\"photos\",\"object\":\"2024/01/img-0001\"}".getBytes(StandardCharsets.UTF_8));

  private BenchServer() {}

  public static void main(String[] args) throws Exception {
    DriverArgs a = new DriverArgs(args, "--only-kes");
    Path dir = a.path("--dir");
    int kesPort = a.integer("--kes-port", 0);
    boolean onlyKes = a.has("--only-kes");
    int preload = a.integer("--preload", 0);
    a.done();
    if (dir == null) {
      throw new IllegalArgumentException("--dir is required");
    }
    // The bare server's JDK HTTP settings, as the KES server had them before it got its own HTTP
    // layer (no Nagle delay, KES's timeouts; read once per JVM). The KES server ignores them.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    System.setProperty("sun.net.httpserver.maxReqTime", "5");
    System.setProperty("sun.net.httpserver.idleInterval", "90");

    Files.createDirectories(dir);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    CertifiedKey serverCred;
    CertifiedKey clientCred;
    if (Files.exists(dir.resolve("client.cert"))) {
      // Reuse the credentials of an earlier run (the start-up probe connects with them at once).
      serverCred = read(dir, "server");
      clientCred = read(dir, "client");
    } else {
      serverCred = SelfSigned.server().build();
      clientCred = SelfSigned.builder().commonName("kes-bench").clientAuth().build();
      write(dir, "server", serverCred);
      write(dir, "client", clientCred);
    }
    SSLContext ssl = Tls.serverContext().credential(serverCred).clientAuth(ClientAuth.REQUIRE_ANY)
        .build();
    Identity admin = Identity.of(clientCred.certificate());
    Files.writeString(dir.resolve("admin.identity"), admin.value() + "\n");

    // Kept in DIR like the credentials, so that two servers started on one DIR's copy (A/B runs)
    // read each other's ciphertexts. A benchmark key, never a real one.
    Path keyFile = dir.resolve("bench-master.key");
    byte[] masterKey;
    if (Files.exists(keyFile)) {
      masterKey = Base64.getDecoder().decode(Files.readString(keyFile).trim());
    } else {
      masterKey = new byte[32];
      new SecureRandom().nextBytes(masterKey);
      Files.writeString(keyFile, Base64.getEncoder().encodeToString(masterKey) + "\n");
    }
    KesEngine engine = KesEngine.builder()
        .keyStore(new MemoryKeyStore())
        .policies(PolicyTable.builder().admin(admin.value()).build())
        .build();
    engine.importKey(KEY, KeyAlgorithm.AES256, masterKey);
    for (int i = 0; i < preload; i++) {
      engine.createKey("key-" + i);
    }
    KesServer kes = KesServer.builder()
        .address(new InetSocketAddress(loopback, kesPort))
        .sslContext(ssl)
        .clientAuth(ClientAuth.REQUIRE_ANY)
        .engine(engine)
        .build()
        .start();

    int barePort = 0;
    int layerPort = 0;
    if (!onlyKes) {
      BareHandlers handlers = new BareHandlers(masterKey);
      barePort = startBare(loopback, ssl, handlers).getAddress().getPort();
      // The bare routes on the KES server's own HTTP layer, with its audit and error logs as an
      // unstarted twin of the KES server has them.
      KesServer twin = KesServer.builder()
          .address(new InetSocketAddress(loopback, 0))
          .sslContext(ssl)
          .clientAuth(ClientAuth.REQUIRE_ANY)
          .engine(engine)
          .build();
      Map<String, UnaryOperator<byte[]>> routes = new LinkedHashMap<>();
      routes.put("/fixed", handlers::fixed);
      routes.put("/dek", handlers::dek);
      routes.put("/dek-decrypt", handlers::decrypt);
      layerPort = BareLayer.start(twin, new InetSocketAddress(loopback, 0), ssl,
          ClientAuth.REQUIRE_ANY, routes, layerConnections(), layerExecutor())
          .address().getPort();
    }

    List<String> cts = new ArrayList<>();
    for (int i = 0; i < 256; i++) {
      try (DataKey dk = engine.generateKey(KEY, Base64.getDecoder().decode(CONTEXT_B64))) {
        cts.add(Base64.getEncoder().encodeToString(dk.ciphertext()));
      }
    }
    Files.write(dir.resolve("ciphertexts"), cts);
    Path ports = dir.resolve("ports");
    Path tmp = dir.resolve("ports.tmp");
    Files.writeString(tmp, kes.address().getPort() + " " + barePort + " "
        + ProcessHandle.current().pid() + " " + layerPort + "\n");
    Files.move(tmp, ports, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    Thread.currentThread().join(); // until killed
  }

  private static CertifiedKey read(Path dir, String name) {
    return new CertifiedKey(Pem.readPrivateKey(dir.resolve(name + ".key"), null),
        Pem.readCertificates(dir.resolve(name + ".cert")));
  }

  private static void write(Path dir, String name, CertifiedKey cred) throws IOException {
    Files.writeString(dir.resolve(name + ".key"), Pem.encodePrivateKey(cred.privateKey()));
    Files.writeString(dir.resolve(name + ".cert"), Pem.encodeCertificate(cred.certificate()));
  }

  /** The bare server: same TLS context, protocols, client-auth mode, executor and properties. */
  static HttpsServer startBare(InetAddress address, SSLContext ssl, BareHandlers handlers)
      throws IOException {
    HttpsServer server = HttpsServer.create(new InetSocketAddress(address, 0), 0);
    server.setHttpsConfigurator(new HttpsConfigurator(ssl) {
      @Override
      public void configure(HttpsParameters params) {
        SSLParameters p = getSSLContext().getDefaultSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        ClientAuth.REQUIRE_ANY.apply(p);
        params.setSSLParameters(p);
      }
    });
    server.createContext("/fixed", handlers::fixed);
    server.createContext("/dek", handlers::dek);
    server.createContext("/dek-decrypt", handlers::decrypt);
    server.createContext("/rss", handlers::rss);
    server.setExecutor(executor());
    server.start();
    return server;
  }

  /** What the KES server uses: virtual threads on 21+, else the same bounded pool. */
  static ExecutorService executor() {
    try {
      Method m = java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
      return (ExecutorService) m.invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      int threads = Math.max(64, 16 * Runtime.getRuntime().availableProcessors());
      AtomicInteger n = new AtomicInteger();
      ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bare-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      pool.allowCoreThreadTimeOut(true);
      return pool;
    }
  }

  /** The KES server's connection limit: 10,000 with virtual threads, else its pool of 1,024. */
  static int layerConnections() {
    return Runtime.version().feature() >= 21 ? 10_000 : 1024;
  }

  /** The KES server's executor: virtual threads on 21+, else a pool of 1,024 threads. */
  static ExecutorService layerExecutor() {
    if (Runtime.version().feature() >= 21) {
      return executor();
    }
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1024, 1024, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "layer-http-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** Used by {@link BareHandlers}: a pool of reference pipelines, so virtual threads reuse them. */
  static RawPipeline.Algorithm algorithm() {
    return RawPipeline.Algorithm.AES256;
  }
}

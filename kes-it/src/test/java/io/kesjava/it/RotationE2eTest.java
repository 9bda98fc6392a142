package io.kesjava.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.client.KesClient;
import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.crypto.SecretBytes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation end to end ({@code docs/rotation.md}): {@code kes server} processes on one fs key
 * store, driven by {@link KesClient} over HTTPS.
 */
class RotationE2eTest {

  private static final Pki PKI = Pki.create();
  private static final byte[] CONTEXT = "bucket/object".getBytes(UTF_8);

  @TempDir Path dir;
  private OutboundSentinel sentinel;
  private Path caFile;
  private Path config;
  private Path[] adminFiles;
  private Path[] appFiles;

  private Path[] clientCert(String name) throws IOException {
    CertifiedKey c = SelfSigned.builder().commonName(name).clientAuth().build();
    Path cert =
        Files.writeString(dir.resolve(name + ".cert"), Pem.encodeCertificate(c.certificate()));
    Path key = Files.writeString(dir.resolve(name + ".key"), Pem.encodePrivateKey(c.privateKey()));
    return new Path[] {cert, key, Path.of(Identity.of(c.certificate()).value())};
  }

  @BeforeEach
  void setUp() throws IOException {
    sentinel = new OutboundSentinel();
    caFile = PKI.writeCa(dir.resolve("ca.pem"));
    Path serverCert = PKI.writeServerChain(dir.resolve("server.cert"));
    Path serverKey = PKI.writeServerKey(dir.resolve("server.key"));
    adminFiles = clientCert("admin");
    appFiles = clientCert("app");
    String yaml = String.join("\n",
        "version: v1",
        "address: 127.0.0.1:0",
        "admin:",
        "  identity: " + adminFiles[2],
        "tls:",
        "  key: " + serverKey,
        "  cert: " + serverCert,
        "log:",
        "  error: on",
        "  audit: off",
        "cache:",
        "  expiry:",
        "    any: 1s",
        "    unused: 1s",
        "policy:",
        "  app:",
        "    allow:",
        "    - /v1/key/generate/rot-*",
        "    - /v1/key/decrypt/rot-*",
        "    identities:",
        "    - " + appFiles[2],
        "keystore:",
        "  fs:",
        "    path: " + dir.resolve("keys"),
        "");
    config = Files.writeString(dir.resolve("config.yml"), yaml);
  }

  @AfterEach
  void tearDown() throws IOException {
    sentinel.close();
  }

  private KesServerProcess start() throws Exception {
    return KesServerProcess.start(config, Map.of(), List.of(), sentinel);
  }

  private KesClient client(KesServerProcess server, Path[] files) {
    return KesClient.builder()
        .endpoint(server.endpoint().toString())
        .clientCertificate(files[0], files[1])
        .trustedCertificates(caFile)
        .systemTrustStore(false)
        .build();
  }

  private static byte[] decrypt(KesClient kes, String key, DataKey d, String version) {
    try (SecretBytes p = version == null
        ? kes.decrypt(key, d.ciphertext(), CONTEXT)
        : kes.decrypt(key, d.ciphertext(), CONTEXT, version)) {
      return p.bytes();
    }
  }

  @Test
  @Timeout(value = 3, unit = TimeUnit.MINUTES)
  void rotatedTwice_everyDataKeyDecryptsAfterARestart_andRotationNeedsItsPolicyPath()
      throws Exception {
    String key = "rot-key";
    List<DataKey> deks = new ArrayList<>();
    try (KesServerProcess server = start();
        KesClient kes = client(server, adminFiles);
        KesClient app = client(server, appFiles)) {
      kes.createKey(key);
      deks.add(kes.generateKey(key, CONTEXT));
      assertThat(kes.rotateKey(key)).isEqualTo("2");
      deks.add(app.generateKey(key, CONTEXT));
      assertThat(kes.rotateKey(key)).isEqualTo("3");
      deks.add(kes.generateKey(key, CONTEXT));
      assertThat(deks).extracting(d -> d.version().orElse("")).containsExactly("", "2", "3");
      assertThatThrownBy(() -> app.rotateKey(key)).isInstanceOf(NotAllowedException.class)
          .hasMessage("not authorized: insufficient permissions");
      assertThat(kes.listKeys("*").names()).containsExactly(key);
    }
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(key, key + "-v2-", key + "-v3-");
    }
    try (KesServerProcess server = start();
        KesClient kes = client(server, adminFiles);
        KesClient app = client(server, appFiles)) {
      String[] versions = {"1", "2", "3"};
      for (int i = 0; i < deks.size(); i++) {
        byte[] expected = deks.get(i).plaintext().bytes();
        assertThat(decrypt(app, key, deks.get(i), null)).isEqualTo(expected);
        assertThat(decrypt(app, key, deks.get(i), versions[i])).isEqualTo(expected);
      }
      KeyInfo info = kes.describeKey(key);
      assertThat(info.version()).contains("3");
      assertThat(info.versions()).extracting(KeyInfo.Version::version)
          .containsExactly("1", "2", "3");
      kes.deleteKey(key);
    }
    try (Stream<Path> files = Files.list(dir.resolve("keys"))) {
      assertThat(files).isEmpty();
    }
    assertThat(sentinel.attempts()).isEmpty();
  }

  /**
   * Two server processes on one key store rotate one key 50 times each at once: no number is given
   * twice, no acknowledged version is lost, and every data key decrypts on both servers.
   */
  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void twoServersRotatingAtOnce_loseNoVersion() throws Exception {
    String key = "rot-shared";
    int rounds = 50;
    try (KesServerProcess s1 = start();
        KesServerProcess s2 = start();
        KesClient c1 = client(s1, adminFiles);
        KesClient c2 = client(s2, adminFiles)) {
      c1.createKey(key);
      List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
      List<DataKey> deks = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (KesClient c : List.of(c1, c2)) {
          done.add(pool.submit(() -> {
            go.await();
            for (int i = 0; i < rounds; i++) {
              acknowledged.add(c.rotateKey(key));
              deks.add(c.generateKey(key, CONTEXT));
            }
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(3, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      Set<String> distinct = new HashSet<>(acknowledged);
      assertThat(distinct).hasSize(2 * rounds);
      Thread.sleep(1100); // both servers' caches expire (cache.expiry.any: 1s)
      for (KesClient c : List.of(c1, c2)) {
        Set<String> stored = new HashSet<>();
        for (KeyInfo.Version v : c.describeKey(key).versions()) {
          stored.add(v.version());
        }
        assertThat(stored).containsAll(distinct);
      }
      for (DataKey d : deks) {
        assertThat(distinct).contains(d.version().orElseThrow());
        for (KesClient c : List.of(c1, c2)) {
          byte[] expected = d.plaintext().bytes();
          assertThat(decrypt(c, key, d, d.version().orElseThrow())).isEqualTo(expected);
          assertThat(decrypt(c, key, d, null)).isEqualTo(expected);
        }
      }
    }
  }
}

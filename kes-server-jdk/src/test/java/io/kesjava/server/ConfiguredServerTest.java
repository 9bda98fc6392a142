package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.server.config.ConfigParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started in-process from a KES config file ({@link ConfiguredServer}): it serves, a
 * reload applies a changed policy, and closing stops it. The middle of the first test is the
 * example of {@code docs/embedding.md}, checked to stand there as it is here.
 */
class ConfiguredServerTest {

  private static final ConfigParser LOOPBACK =
      ConfigParser.builder().address("127.0.0.1:0").build();

  @TempDir Path dir;

  private final CertifiedKey serverCredential = SelfSigned.server().build();
  private final ApiKey admin = ApiKey.generate();
  private final ApiKey app = ApiKey.generate();

  private Path writeConfig(String allow) throws IOException {
    Path key = dir.resolve("server.key");
    Path cert = dir.resolve("server.cert");
    Files.writeString(key, Pem.encodePrivateKey(serverCredential.privateKey()));
    Files.writeString(cert, Pem.encodeCertificate(serverCredential.certificate()));
    return Files.writeString(dir.resolve("kes.yml"), """
        admin:
          identity: %s
        tls:
          key: %s
          cert: %s
        policy:
          app:
            allow: [%s]
            identities: [%s]
        keys:
          - name: my-app-key
        keystore:
          fs:
            path: %s
        """.formatted(admin.identity().value(), key, cert, allow, app.identity().value(),
        dir.resolve("keys")));
  }

  private TestClient client(ApiKey key, InetSocketAddress address) {
    SSLContext tls = Tls.clientContext()
        .credential(new CertifiedKey(key.privateKey(), List.of(key.certificate())))
        .trustedCertificates(serverCredential.chain())
        .systemRoots(false)
        .build();
    return new TestClient(address, tls);
  }

  @Test
  void startsFromAFile_serves_reloadsAChangedPolicy_andStops() throws Exception {
    Path configFile = writeConfig("/v1/status");
    InetSocketAddress stopped;
    // DOCS:begin
    ConfigParser parser = ConfigParser.builder()
        .address("127.0.0.1:0")             // optional, as kes server --addr; port 0: any free one
        .build();
    try (ConfiguredServer kes = ConfiguredServer.fromFile(configFile, parser)
        .warnings(w -> System.err.println("WARNING: " + w))
        .start()) {
      InetSocketAddress address = kes.address();
      TestClient app = client(this.app, address); // (test only)
      assertThat(app.get("/v1/status").status()).isEqualTo(200); // (test only)
      assertThat(app.get("/v1/key/describe/my-app-key").status()).isEqualTo(403); // (test only)
      writeConfig("/v1/status, /v1/key/describe/my-app-*"); // (test only)
      boolean applied = kes.reload();       // what SIGHUP does to kes server: false, and the
                                            // reason in the error log, if the file is not valid
      assertThat(applied).isTrue(); // (test only)
      assertThat(app.get("/v1/key/describe/my-app-key").status()).isEqualTo(200); // (test only)
      kes.engine().describeKey("my-app-key");  // the application's own, unrestricted handle
      stopped = address; // (test only)
    }
    // DOCS:end
    assertThatThrownBy(() -> client(app, stopped).get("/v1/status")).isInstanceOf(IOException.class);
    assertThat(Files.readString(Path.of("../docs/embedding.md"))).contains(example());
  }

  @Test
  void anInvalidReload_keepsTheRunningConfig_andSaysWhyInTheErrorLog() throws Exception {
    try (ConfiguredServer kes = ConfiguredServer.fromFile(writeConfig("/v1/status"), LOOPBACK)
        .start()) {
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      kes.server().errorLog().subscribe(log::add);
      Files.writeString(dir.resolve("kes.yml"), "admin: [not, a, section]\n");
      assertThat(kes.reload()).isFalse();
      assertThat(log).extracting(ErrorEvent::message).singleElement().asString()
          .startsWith("Failed to reload server config: failed to read config file: ");
      assertThat(client(app, kes.address()).get("/v1/status").status()).isEqualTo(200);
      assertThat(kes.config().policies()).containsOnlyKeys("app");
    }
  }

  @Test
  void aParsedConfig_startsToo_andIsReloadedWithAnother() throws Exception {
    ConfigParser parser = LOOPBACK;
    try (ConfiguredServer kes =
        ConfiguredServer.fromConfig(parser.parse(writeConfig("/v1/status"))).start()) {
      assertThat(client(app, kes.address()).get("/v1/key/list/").status()).isEqualTo(403);
      assertThatThrownBy(kes::reload).isInstanceOf(IllegalStateException.class);
      assertThat(kes.reload(parser.parse(writeConfig("/v1/key/list/*")))).isTrue();
      assertThat(client(app, kes.address()).get("/v1/key/list/").status()).isEqualTo(200);
    }
  }

  @Test
  void whatCannotStart_failsWithKesMessage_andLeavesNothingOpen() throws Exception {
    Path missing = dir.resolve("missing.yml");
    assertThatThrownBy(() -> ConfiguredServer.fromFile(missing).start())
        .isInstanceOf(KesServerException.class)
        .hasMessage("failed to read config file: open " + missing + ": no such file or directory");
    Path file = writeConfig("/v1/status");
    Files.delete(dir.resolve("server.cert"));
    assertThatThrownBy(() -> ConfiguredServer.fromFile(file, LOOPBACK).start())
        .isInstanceOf(KesServerException.class)
        .hasMessageStartingWith("failed to read TLS certificate: open ");
  }

  /** The lines between the markers above, without the test-only ones. */
  private static String example() throws IOException {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String line : Files.readAllLines(
        Path.of("src/test/java/io/kesjava/server/ConfiguredServerTest.java"))) {
      if (line.trim().equals("// DOCS:end")) {
        in = false;
      }
      if (in && !line.contains("(test only)")) {
        out.add(line.substring(Math.min(4, line.length())));
      }
      if (line.trim().equals("// DOCS:begin")) {
        in = true;
      }
    }
    return String.join("\n", out);
  }
}

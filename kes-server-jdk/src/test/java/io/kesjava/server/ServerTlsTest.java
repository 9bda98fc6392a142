package io.kesjava.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's TLS files are re-read by a timer and on SIGHUP ({@code
 * docs/http-api.md#conventions}).
 */
class ServerTlsTest {

  @TempDir Path dir;

  private final ApiKey admin = ApiKey.generate();
  private final List<Duration> periods = new CopyOnWriteArrayList<>();
  private final List<Runnable> refreshes = new CopyOnWriteArrayList<>();

  /** The injected timer: the test runs the refresh itself. */
  private final ServerTls.Timer timer =
      (period, task) -> {
        periods.add(period);
        refreshes.add(task);
        return () -> refreshes.remove(task);
      };

  private void writeCredential(CertifiedKey credential) throws Exception {
    Files.writeString(dir.resolve("server.key"), Pem.encodePrivateKey(credential.privateKey()));
    Files.writeString(dir.resolve("server.cert"), Pem.encodeCertificate(credential.certificate()));
  }

  private ConfiguredServer start() throws Exception {
    String yaml =
        """
        admin:
          identity: %s
        tls:
          key: %s
          cert: %s
        keystore:
          fs:
            path: %s
        """
            .formatted(admin.identity().value(), dir.resolve("server.key"), dir.resolve("server.cert"),
                dir.resolve("keys"));
    Path file = Files.writeString(dir.resolve("config.yml"), yaml);
    return ConfiguredServer.fromFile(file,
        io.kesjava.server.config.ConfigParser.builder().address("127.0.0.1:0").build())
        .tlsTimer(timer).start();
  }

  /** The leaf certificate the server presents in a new handshake. */
  private Certificate served(ConfiguredServer server) throws Exception {
    SSLContext client =
        Tls.clientContext()
            .credential(new CertifiedKey(admin.privateKey(), List.of(admin.certificate())))
            .insecureTrustAnyServer()
            .build();
    try (SSLSocket socket =
        (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", server.address().getPort())) {
      socket.setSoTimeout(10_000);
      socket.startHandshake();
      return socket.getSession().getPeerCertificates()[0];
    }
  }

  private void refresh() {
    assertThat(refreshes).hasSize(1);
    refreshes.get(0).run();
  }

  @Test
  void refresh_servesTheNewCertificate_andKeepsTheOldOneWhenTheFilesAreBad() throws Exception {
    CertifiedKey first = SelfSigned.server().build();
    writeCredential(first);
    try (ConfiguredServer server = start()) {
      assertThat(periods).containsExactly(Duration.ofMinutes(15));
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      server.server().errorLog().subscribe(log::add);
      assertThat(served(server)).isEqualTo(first.certificate());

      CertifiedKey second = SelfSigned.server().build();
      writeCredential(second);
      refresh();
      assertThat(served(server)).isEqualTo(second.certificate());
      assertThat(log).isEmpty();

      Files.writeString(dir.resolve("server.cert"), "not a certificate");
      refresh();
      assertThat(served(server)).isEqualTo(second.certificate());
      assertThat(log).singleElement().satisfies(e -> {
        assertThat(e.level()).isEqualTo(ErrorEvent.ERROR);
        assertThat(e.message()).startsWith("Failed to reload TLS configuration: failed to read TLS certificate: ");
      });

      // SIGHUP re-reads the files too
      CertifiedKey third = SelfSigned.server().build();
      writeCredential(third);
      assertThat(server.reload()).isTrue();
      assertThat(served(server)).isEqualTo(third.certificate());
    }
    assertThat(refreshes).as("closing the server stops the timer").isEmpty();
  }

  @Test
  void sighup_withBadTlsFiles_keepsEverythingOld() throws Exception {
    CertifiedKey first = SelfSigned.server().build();
    writeCredential(first);
    try (ConfiguredServer server = start()) {
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      server.server().errorLog().subscribe(log::add);
      Files.writeString(dir.resolve("server.key"), "not a key");

      assertThat(server.reload()).isFalse();

      assertThat(log).extracting(ErrorEvent::message).singleElement().asString()
          .startsWith("Failed to reload server config: failed to read TLS private key: ");
      assertThat(served(server)).isEqualTo(first.certificate());
    }
  }
}

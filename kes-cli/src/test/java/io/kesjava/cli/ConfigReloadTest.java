package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.server.ErrorEvent;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGHUP's config reload ({@code docs/configuration.md#reloading}), called directly: no signal is
 * sent.
 */
class ConfigReloadTest {

  @TempDir Path dir;

  private final CertifiedKey serverCredential = SelfSigned.server().build();
  private final ApiKey admin = ApiKey.generate();
  private final ApiKey stranger = ApiKey.generate();

  private Path config(String keysDir, String extra) throws Exception {
    Path key = dir.resolve("server.key");
    Path cert = dir.resolve("server.cert");
    if (!Files.exists(key)) {
      Files.writeString(key, Pem.encodePrivateKey(serverCredential.privateKey()));
      Files.writeString(cert, Pem.encodeCertificate(serverCredential.certificate()));
    }
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
            .formatted(admin.identity().value(), key, cert, dir.resolve(keysDir))
            + extra;
    return Files.writeString(dir.resolve("config.yml"), yaml);
  }

  private RunningServer start(Path file) {
    return ServerLauncher.start(
        new ServerLauncher.Options(file.toString(), "127.0.0.1:0", "", "", "", false),
        new CliRun().context());
  }

  private int status(ApiKey caller, RunningServer server, String path) throws Exception {
    SSLContext tls =
        Tls.clientContext()
            .credential(new CertifiedKey(caller.privateKey(), List.of(caller.certificate())))
            .trustedCertificates(serverCredential.chain())
            .systemRoots(false)
            .build();
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).build();
    URI uri = URI.create("https://127.0.0.1:" + server.address().getPort() + path);
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Test
  void reload_appliesPoliciesKeysLogLevelsAndRoutes_andKeepsWhatNeedsARestart() throws Exception {
    Path file = config("keys", "keys:\n  - name: first\n");
    try (RunningServer server = start(file)) {
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      server.server().errorLog().subscribe(log::add);
      assertThat(status(stranger, server, "/v1/status")).isEqualTo(403);
      assertThat(status(stranger, server, "/v1/metrics")).isEqualTo(403);

      config(
          "other-keys",
          """
          keys:
            - name: first
            - name: second
          policy:
            monitor:
              allow: [/v1/status]
              identities: [%s]
          api:
            /v1/metrics:
              skip_auth: true
          log:
            error: warn
          """
              .formatted(stranger.identity().value()));
      assertThat(server.configured().orElseThrow().reload()).isTrue();

      assertThat(status(stranger, server, "/v1/status")).isEqualTo(200);
      assertThat(status(stranger, server, "/v1/metrics")).isEqualTo(200);
      assertThat(status(stranger, server, "/v1/key/list/*")).isEqualTo(403);
      // the key store is the running one: the new key is there, the other directory is unused
      assertThat(Files.exists(dir.resolve("keys").resolve("second"))).isTrue();
      assertThat(Files.exists(dir.resolve("other-keys"))).isFalse();
      assertThat(server.server().errorLog().level()).isEqualTo(ErrorEvent.WARN);
      assertThat(log)
          .extracting(ErrorEvent::message)
          .contains(
              "config reload: a change of keystore needs a restart; the running value is kept",
              "config reload: a change of the TLS client certificate mode (api skip_auth) needs a"
                  + " restart; the running value is kept");
    }
  }

  @Test
  void reload_ofAnInvalidFile_keepsTheOldConfig_andLogsWhy() throws Exception {
    Path file =
        config(
            "keys",
            """
            policy:
              monitor:
                allow: [/v1/status]
                identities: [%s]
            """
                .formatted(stranger.identity().value()));
    try (RunningServer server = start(file)) {
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      server.server().errorLog().subscribe(log::add);
      Files.writeString(file, Files.readString(file).replace("monitor:", "monitor: [oops"));

      assertThat(server.configured().orElseThrow().reload()).isFalse();

      assertThat(log).hasSize(1);
      assertThat(log.get(0).level()).isEqualTo(ErrorEvent.ERROR);
      assertThat(log.get(0).message()).startsWith("Failed to reload server config: failed to read config file: ");
      assertThat(status(stranger, server, "/v1/status")).isEqualTo(200);

      Files.delete(file);
      assertThat(server.configured().orElseThrow().reload()).isFalse();
      assertThat(log.get(1).message())
          .isEqualTo("Failed to reload server config: failed to read config file: open " + file
              + ": no such file or directory");
      assertThat(status(stranger, server, "/v1/status")).isEqualTo(200);
    }
  }

  @Test
  void reload_whenAKeyCannotBeCreated_appliesNothing() throws Exception {
    Path file = config("keys", "");
    try (RunningServer server = start(file)) {
      List<ErrorEvent> log = new CopyOnWriteArrayList<>();
      server.server().errorLog().subscribe(log::add);
      config(
          "keys",
          """
          keys:
            - name: second
          policy:
            monitor:
              allow: [/v1/status]
              identities: [%s]
          """
              .formatted(stranger.identity().value()));
      // the key store's directory becomes a file: creating the key fails
      Path keys = dir.resolve("keys");
      try (var files = Files.list(keys)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(keys);
      Files.writeString(keys, "not a directory");

      assertThat(server.configured().orElseThrow().reload()).isFalse();

      assertThat(log).extracting(ErrorEvent::message)
          .singleElement().asString().startsWith("Failed to reload server config: failed to create key 'second': ");
      assertThat(status(stranger, server, "/v1/status")).isEqualTo(403);
    }
  }

  @Test
  void devMode_hasNoReload() {
    try (RunningServer server =
        ServerLauncher.start(
            new ServerLauncher.Options("", "127.0.0.1:0", "", "", "", true), new CliRun().context())) {
      assertThat(server.configured()).isEmpty();
    }
  }

  @Test
  void hangupSignal_handlerIsInstalled_andRunsTheAction() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    List<String> warnings = new CopyOnWriteArrayList<>();
    assertThat(HangupSignal.install(runs::incrementAndGet, warnings::add)).isTrue();
    assertThat(warnings).isEmpty();

    // Read the installed handler back (sun.misc.Signal, by reflection), call it as the JVM would,
    // and put it back. No signal is sent.
    Class<?> signalClass = Class.forName("sun.misc.Signal");
    Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
    Object hup = signalClass.getConstructor(String.class).newInstance("HUP");
    var handle = signalClass.getMethod("handle", signalClass, handlerClass);
    Object installed = handle.invoke(null, hup, handlerClass.getField("SIG_IGN").get(null));
    try {
      assertThat(Proxy.isProxyClass(installed.getClass())).isTrue();
      handlerClass.getMethod("handle", signalClass).invoke(installed, hup);
      assertThat(runs).hasValue(1);
    } finally {
      handle.invoke(null, hup, installed);
    }
  }
}

package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.core.ApiKey;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kes server}: built from a config file or in development mode, then called over TLS. */
class ServerLauncherTest {

  @TempDir Path dir;

  private static ServerLauncher.Options config(Path file) {
    return new ServerLauncher.Options(file.toString(), "127.0.0.1:0", "", "", "", false);
  }

  private static HttpResponse<String> call(SSLContext tls, String method, String url) throws Exception {
    HttpClient client =
        HttpClient.newBuilder().sslContext(tls).version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String url(RunningServer server, String path) {
    return "https://127.0.0.1:" + server.address().getPort() + path;
  }

  /** Server key and certificate files, an admin API key, and a config file around them. */
  private final class Setup {
    final CertifiedKey serverCredential = SelfSigned.server().build();
    final ApiKey admin = ApiKey.generate();
    final X509Certificate adminCert = admin.certificate();
    final Path key = dir.resolve("server.key");
    final Path cert = dir.resolve("server.cert");
    final Path keys = dir.resolve("keys");

    Setup() throws Exception {
      Files.writeString(key, Pem.encodePrivateKey(serverCredential.privateKey()));
      Files.writeString(cert, Pem.encodeCertificate(serverCredential.certificate()));
    }

    Path config(String extra) throws Exception {
      String yaml =
          """
          version: v1
          admin:
            identity: %s
          tls:
            key: %s
            cert: %s
          keys:
            - name: configured-key
          keystore:
            fs:
              path: %s
          """
              .formatted(admin.identity().value(), key, cert, keys)
              + extra;
      return Files.writeString(dir.resolve("config.yml"), yaml);
    }

    SSLContext adminTls() {
      return Tls.clientContext()
          .credential(new CertifiedKey(admin.privateKey(), List.of(adminCert)))
          .trustedCertificates(serverCredential.chain())
          .systemRoots(false)
          .build();
    }
  }

  @Test
  void fromConfig_servesTheAdminWithTheConfiguredKeysAndKeyStore() throws Exception {
    Setup s = new Setup();
    CliRun cli = new CliRun();
    try (RunningServer server = ServerLauncher.start(config(s.config("")), cli.context())) {
      HttpResponse<String> describe = call(s.adminTls(), "GET", url(server, "/v1/key/describe/configured-key"));
      assertThat(describe.statusCode()).as(describe.body()).isEqualTo(200);
      assertThat(describe.body()).contains("\"name\":\"configured-key\"");
      assertThat(Files.list(s.keys)).extracting(p -> p.getFileName().toString()).contains("configured-key");
      assertThat(cli.out())
          .contains("KMS         ")
          .contains("API         · https://127.0.0.1:" + server.address().getPort())
          .contains("Admin       " + s.admin.identity().value())
          .contains("Logs        error=stderr level=INFO")
          .doesNotContain("audit=stdout")
          .contains("=> Server is up and running...");
    }
  }

  @Test
  void fromConfig_printsWarnings_andDisabledAdmin() throws Exception {
    Setup s = new Setup();
    Path file = s.config("log:\n  audit: on\n  eror: off\n");
    Files.writeString(file, Files.readString(file).replace(s.admin.identity().value(), "disabled"));
    CliRun cli = new CliRun();
    try (RunningServer server = ServerLauncher.start(config(file), cli.context())) {
      assertThat(cli.err()).contains("WARNING: unknown key 'log.eror' (line 14)");
      assertThat(cli.out()).contains("Admin       <disabled>").contains("audit=stdout level=INFO");
      assertThat(call(s.adminTls(), "GET", url(server, "/v1/status")).statusCode()).isEqualTo(403);
    }
  }

  @Test
  void fromConfig_flagsOverrideTheFile() throws Exception {
    Setup s = new Setup();
    Path file = s.config("");
    Files.writeString(file, Files.readString(file).replace("key: " + s.key, "key: /nonexistent/key.pem"));
    CliRun cli = new CliRun();
    var options = new ServerLauncher.Options(file.toString(), "127.0.0.1:0", s.cert.toString(), s.key.toString(), "off", false);
    try (RunningServer server = ServerLauncher.start(options, cli.context())) {
      assertThat(call(s.adminTls(), "GET", url(server, "/v1/status")).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void fromConfig_encryptedKeyWithPasswordFromEnv() throws Exception {
    Setup s = new Setup();
    Files.writeString(s.key, Pem.encodeEncryptedPrivateKey(s.serverCredential.privateKey(), "pw-123".toCharArray()));
    Path file = s.config("");
    Files.writeString(file, Files.readString(file).replace("  cert: ", "  password: ${KES_TLS_PASSWORD}\n  cert: "));
    CliRun cli = new CliRun();
    cli.env = Map.of("KES_TLS_PASSWORD", "pw-123");
    try (RunningServer server = ServerLauncher.start(config(file), cli.context())) {
      assertThat(call(s.adminTls(), "GET", url(server, "/v1/status")).statusCode()).isEqualTo(200);
    }
    cli.env = Map.of("KES_TLS_PASSWORD", "wrong");
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessage("failed to read TLS private key: private key is encrypted: incorrect password");
    cli.env = Map.of();
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessage("failed to read config file: kesconf: referenced env. variable 'KES_TLS_PASSWORD' in line '6' not found");
  }

  @Test
  void fromConfig_startErrors() throws Exception {
    Setup s = new Setup();
    Path file = s.config("");
    CliRun cli = new CliRun();

    assertThatThrownBy(() -> ServerLauncher.start(config(dir.resolve("none.yml")), cli.context()))
        .hasMessage("failed to read config file: open " + dir.resolve("none.yml") + ": no such file or directory");

    Files.delete(s.key);
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessage("failed to read TLS private key: open " + s.key + ": no such file or directory");

    Files.writeString(s.key, Pem.encodePrivateKey(SelfSigned.server().build().privateKey()));
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessage("invalid TLS certificate: private key does not match public key in certificate");

    Files.writeString(s.key, Pem.encodePrivateKey(s.serverCredential.privateKey()));
    Files.writeString(s.cert, Pem.encodeCertificate(s.serverCredential.certificate()) + Pem.encodePrivateKey(s.serverCredential.privateKey()));
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessage("failed to read TLS certificate: unsupported PEM data block 'PRIVATE KEY'");

    Files.writeString(s.cert, Pem.encodeCertificate(s.serverCredential.certificate()));
    Files.writeString(file, Files.readString(file).replace("  fs:\n    path: " + s.keys, "  acme:\n    url: x"));
    assertThatThrownBy(() -> ServerLauncher.start(config(file), cli.context()))
        .hasMessageStartingWith("invalid keystore config: keystore.acme: no key-store provider named 'acme'")
        .hasMessageEndingWith("(line 10)");

    var badAddr = new ServerLauncher.Options(file.toString(), "localhost:7373", "", "", "", false);
    assertThatThrownBy(() -> ServerLauncher.start(badAddr, cli.context()))
        .hasMessage("invalid address 'localhost:7373': 'localhost' is not a valid IP address");
  }

  @Test
  void fromConfig_certificateWithoutSan_isRejected() throws Exception {
    Setup s = new Setup();
    CertifiedKey noSan = SelfSigned.builder().build();
    Files.writeString(s.key, Pem.encodePrivateKey(noSan.privateKey()));
    Files.writeString(s.cert, Pem.encodeCertificate(noSan.certificate()));
    assertThatThrownBy(() -> ServerLauncher.start(config(s.config("")), new CliRun().context()))
        .hasMessage("invalid TLS certificate: certificate does not contain any DNS or IP address as SAN");
  }

  @Test
  void fromConfig_tlsAuthOn_verifiesClientsAgainstTheCa() throws Exception {
    Setup s = new Setup();
    // the admin's self-signed certificate as the only CA: it verifies itself, as in KES
    Path ca = Files.writeString(dir.resolve("ca.pem"), Pem.encodeCertificate(s.adminCert));
    Path file = s.config("");
    Files.writeString(file, Files.readString(file).replace("  cert: ", "  auth: on\n  ca: " + ca + "\n  cert: "));
    try (RunningServer server = ServerLauncher.start(config(file), new CliRun().context())) {
      assertThat(call(s.adminTls(), "GET", url(server, "/v1/status")).statusCode()).isEqualTo(200);
      ApiKey stranger = ApiKey.generate();
      SSLContext strangerTls =
          Tls.clientContext()
              .credential(new CertifiedKey(stranger.privateKey(), List.of(stranger.certificate())))
              .trustedCertificates(s.serverCredential.chain())
              .systemRoots(false)
              .build();
      assertThatThrownBy(() -> call(strangerTls, "GET", url(server, "/v1/status"))).isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void dev_servesTheGeneratedAdminAndDeletesItsFilesOnClose() throws Exception {
    CliRun cli = new CliRun();
    Path files;
    try (RunningServer server = ServerLauncher.start(new ServerLauncher.Options("", "127.0.0.1:0", "", "", "", true), cli.context())) {
      files = server.devDirectory().orElseThrow();
      X509Certificate serverCert = Pem.readCertificates(files.resolve("server.cert")).get(0);
      CertifiedKey admin =
          new CertifiedKey(Pem.readPrivateKey(files.resolve("client.key"), null), Pem.readCertificates(files.resolve("client.cert")));
      SSLContext tls = Tls.clientContext().credential(admin).trustedCertificates(List.of(serverCert)).systemRoots(false).build();

      HttpResponse<String> created = call(tls, "POST", url(server, "/v1/key/create/my-key"));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

      String out = cli.out();
      String apiKey = out.replaceAll("(?s).*API Key     (kes:v1:\\S+).*", "$1");
      try (ApiKey parsed = ApiKey.parse(apiKey)) {
        assertThat(out).contains("Admin       " + parsed.identity().value());
      }
      String base = "https://127.0.0.1:" + server.address().getPort();
      assertThat(out)
          .contains("KMS         In Memory")
          .contains("audit=stdout level=INFO")
          .contains("curl --cacert " + files.resolve("server.cert") + " --cert " + files.resolve("client.cert")
              + " --key " + files.resolve("client.key") + " " + base + "/v1/status")
          .contains("export KES_SERVER=" + base)
          .contains("export KES_API_KEY=" + apiKey);
      assertThat(serverCert.getSubjectAlternativeNames()).contains(List.of(7, "127.0.0.1"), List.of(2, "localhost"));
    }
    assertThat(files).doesNotExist();
  }

  @Test
  void dev_flagErrors() {
    CliRun cli = new CliRun();
    assertThatThrownBy(() -> ServerLauncher.start(new ServerLauncher.Options("c.yml", "", "", "", "", true), cli.context()))
        .hasMessage("'--config' flag is not supported in development mode");
    assertThatThrownBy(() -> ServerLauncher.start(new ServerLauncher.Options("", "", "", "", "", false), cli.context()))
        .hasMessage("no config file specified. Use '--config <file>', or '--dev' for a development server");
  }

  @Test
  void serverCommand_flagErrors() {
    assertThat(new CliRun().run("server", "--auth", "maybe").err())
        .isEqualTo("Error: invalid option for --auth: \"maybe\"" + System.lineSeparator());
    assertThat(new CliRun().run("server", "--dev", "extra").err())
        .isEqualTo("Error: too many arguments. See 'kes server --help'" + System.lineSeparator());
    assertThat(new CliRun().run("server").err())
        .isEqualTo("Error: no config file specified. Use '--config <file>', or '--dev' for a development server" + System.lineSeparator());
  }
}

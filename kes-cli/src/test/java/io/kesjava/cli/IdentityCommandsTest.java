package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.ApiKey;
import io.kesjava.core.Identity;
import io.kesjava.core.tls.Keys;
import io.kesjava.core.tls.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IdentityCommandsTest {

  private static final Pattern API_KEY = Pattern.compile("API Key: +(kes:v1:\\S+)");
  private static final Pattern IDENTITY = Pattern.compile("Identity: +([0-9a-f]{64})");

  @TempDir Path dir;

  private static String group(Pattern p, String text) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as(text).isTrue();
    return m.group(1);
  }

  // --- kes identity of ------------------------------------------------------------------------------

  @ParameterizedTest
  @CsvSource({ // docs/cli.md#identities-and-api-keys
    "kes:v1:AD9E7FSYWrMD+VjhI6q545cYT9YOyFxZb7UnjEepYDRc, 3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22",
    "kes:v1:ACQpoGqx3rHHjT938Hfu5hVVQJHZWSqVI2Xp1KlYxFVw, 0426fa9a04bc2756b92fbe8a97e1a1e07b53ecf04ed33da22c33e5c9faeb8cbb",
    "kes:v1:AMxvd2uV1l5dDSRwuKZxSjuM5BDemlr+685+JAHA1TuJ, ab785e3b95d80d72cc9c27cb9fde886a0bf9068a69d40e3bd08a54e68c3f2bf7",
  })
  void identityOf_apiKey_printsItsIdentity(String apiKey, String identity) {
    CliRun cli = new CliRun().run("identity", "of", apiKey);
    assertThat(cli.status).isZero();
    assertThat(cli.out()).isEqualTo(identity);
  }

  @Test
  void identityOf_certificateFile_printsItsIdentity() throws Exception {
    // cert-identity#0: root.cert of the kes repository
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + "MIIBKDCB26ADAgECAhB6vebGMUfKnmBKyqoApRSOMAUGAytlcDAbMRkwFwYDVQQD\n"
            + "DBByb290QHBsYXkubWluLmlvMB4XDTIwMDQzMDE1MjIyNVoXDTI1MDQyOTE1MjIy\n"
            + "NVowGzEZMBcGA1UEAwwQcm9vdEBwbGF5Lm1pbi5pbzAqMAUGAytlcAMhALzn735W\n"
            + "fmSH/ghKs+4iPWziZMmWdiWr/sqvqeW+WwSxozUwMzAOBgNVHQ8BAf8EBAMCB4Aw\n"
            + "EwYDVR0lBAwwCgYIKwYBBQUHAwIwDAYDVR0TAQH/BAIwADAFBgMrZXADQQDZOrGK\n"
            + "b2ATkDlu2pTcP3LyhSBDpYh7V4TvjRkBTRgjkacCzwFLm+mh+7US8V4dBpIDsJ4u\n"
            + "uWoF0y6vbLVGIlkG\n"
            + "-----END CERTIFICATE-----\n";
    Path cert = Files.writeString(dir.resolve("root.cert"), pem);
    CliRun cli = new CliRun().run("identity", "of", cert.toString());
    assertThat(cli.status).isZero();
    assertThat(cli.out()).isEqualTo("3ecfcdf38fcbe141ae26a1030f81e96b753365a46760ae6b578698a97c59fd22");
  }

  @Test
  void identityOf_errors() {
    assertThat(new CliRun().run("identity", "of").err())
        .isEqualTo("Error: no API key or certificate specified. See 'kes identity of --help'" + System.lineSeparator());
    assertThat(new CliRun().run("identity", "of", "a", "b").err())
        .isEqualTo("Error: too many arguments. See 'kes identity of --help'" + System.lineSeparator());
    Path missing = dir.resolve("missing.cert");
    CliRun cli = new CliRun().run("identity", "of", missing.toString());
    assertThat(cli.status).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("Error: failed to read '" + missing + "': no such file or directory" + System.lineSeparator());
    assertThat(new CliRun().run("identity", "of", "kes:v1:AAAA").err()).contains("kes: invalid API key: invalid length");
  }

  @Test
  void identityOf_fileWithoutCertificate_fails() throws Exception {
    Path key = Files.writeString(dir.resolve("key.pem"), Pem.encodePrivateKey(ApiKey.generate().privateKey()));
    CliRun cli = new CliRun().run("identity", "of", key.toString());
    assertThat(cli.status).isEqualTo(1);
    assertThat(cli.err()).contains("unsupported PEM data block 'PRIVATE KEY'").doesNotContain("MC4C");
  }

  // --- kes identity new -----------------------------------------------------------------------------

  @Test
  void identityNew_withoutFiles_printsAnApiKeyAndItsIdentity() {
    CliRun cli = new CliRun().run("identity", "new");
    assertThat(cli.status).isZero();
    String apiKey = group(API_KEY, cli.out());
    try (ApiKey key = ApiKey.parse(apiKey)) {
      assertThat(group(IDENTITY, cli.out())).isEqualTo(key.identity().value());
    }
  }

  @Test
  void identityNew_withFiles_writesKeyAndCertificateOfTheApiKey() throws Exception {
    Path key = dir.resolve("client.key");
    Path cert = dir.resolve("client.cert");
    CliRun cli =
        new CliRun()
            .run("identity", "new", "--key", key.toString(), "--cert", cert.toString(), "--ip", "10.0.0.1,10.0.0.2",
                "--ip", "::1", "--dns", "kes.example.com", "--expiry", "1h", "my-app");
    assertThat(cli.status).as(cli.err()).isZero();
    String identity = group(IDENTITY, cli.out());
    PrivateKey privateKey = Pem.readPrivateKey(key, null);
    X509Certificate certificate = Pem.readCertificates(cert).get(0);
    assertThat(Identity.of(certificate).value()).isEqualTo(identity);
    assertThat(Keys.matches(privateKey, certificate.getPublicKey())).isTrue();
    try (ApiKey apiKey = ApiKey.parse(group(API_KEY, cli.out()))) {
      assertThat(apiKey.identity().value()).isEqualTo(identity);
      assertThat(apiKey.privateKey()).isEqualTo(privateKey);
    }
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=my-app");
    assertThat(certificate.getSubjectAlternativeNames())
        .containsExactly(List.of(2, "kes.example.com"), List.of(7, "10.0.0.1"), List.of(7, "10.0.0.2"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofHours(1));
    assertThat(certificate.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    assertThat(cli.out()).contains("kes identity of " + cert);

    CliRun of = new CliRun().run("identity", "of", cert.toString());
    assertThat(of.out()).isEqualTo(identity);
  }

  @Test
  void identityNew_defaults_identityAsSubjectAnd720Hours() throws Exception {
    Path key = dir.resolve("k");
    Path cert = dir.resolve("c");
    CliRun cli = new CliRun().run("identity", "new", "--key", key.toString(), "--cert", cert.toString());
    X509Certificate certificate = Pem.readCertificates(cert).get(0);
    assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=" + group(IDENTITY, cli.out()));
    assertThat(Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofHours(720));
  }

  @Test
  void identityNew_existingFiles_needForce() throws Exception {
    Path key = Files.writeString(dir.resolve("k"), "old");
    Path cert = dir.resolve("c");
    assertThat(new CliRun().run("identity", "new", "--key", key.toString(), "--cert", cert.toString()).err())
        .isEqualTo("Error: private key already exists. Use --force to overwrite it" + System.lineSeparator());
    Files.writeString(cert, "old");
    Files.delete(key);
    assertThat(new CliRun().run("identity", "new", "--key", key.toString(), "--cert", cert.toString()).err())
        .isEqualTo("Error: certificate already exists. Use --force to overwrite it" + System.lineSeparator());
    CliRun forced = new CliRun().run("identity", "new", "-f", "--key", key.toString(), "--cert", cert.toString());
    assertThat(forced.status).isZero();
    assertThat(Pem.readCertificates(cert)).hasSize(1);
  }

  @Test
  void identityNew_encrypt_writesALegacyEncryptedKey() throws Exception {
    Path key = dir.resolve("k");
    Path cert = dir.resolve("c");
    CliRun cli = new CliRun();
    cli.passwords.add("correct horse");
    cli.passwords.add("correct horse");
    cli.run("identity", "new", "--encrypt", "--key", key.toString(), "--cert", cert.toString());
    assertThat(cli.status).as(cli.err()).isZero();
    assertThat(Files.readString(key)).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: AES-256-CBC,");
    PrivateKey privateKey = Pem.readPrivateKey(key, "correct horse".toCharArray());
    assertThat(Keys.matches(privateKey, Pem.readCertificates(cert).get(0).getPublicKey())).isTrue();
  }

  @Test
  void identityNew_encrypt_passwordsMustMatch() {
    CliRun cli = new CliRun();
    cli.passwords.add("one");
    cli.passwords.add("two");
    cli.run("identity", "new", "--encrypt", "--key", dir.resolve("k").toString(), "--cert", dir.resolve("c").toString());
    assertThat(cli.err()).isEqualTo("Error: passwords don't match" + System.lineSeparator());
    assertThat(dir.resolve("k")).doesNotExist();
  }

  @ParameterizedTest
  @CsvSource({"--encrypt", "--force", "--expiry=1h", "--ip=10.0.0.1", "--dns=a.b"})
  void identityNew_fileFlagsWithoutFiles_fail(String flag) {
    String name = flag.contains("=") ? flag.substring(0, flag.indexOf('=')) : flag;
    assertThat(new CliRun().run("identity", "new", flag).err())
        .isEqualTo("Error: '" + name + "' requires a private key and certificate file. Set the '--cert' and '--key' flag"
            + System.lineSeparator());
  }

  @Test
  void identityNew_otherErrors() {
    assertThat(new CliRun().run("identity", "new", "--key", "k").err())
        .isEqualTo("Error: private key file specified but no certificate file. Set the '--cert' flag" + System.lineSeparator());
    assertThat(new CliRun().run("identity", "new", "--cert", "c").err())
        .isEqualTo("Error: certificate file specified but no private key file. Set the '--key' flag" + System.lineSeparator());
    assertThat(new CliRun().run("identity", "new", "a", "b").err())
        .isEqualTo("Error: too many arguments. See 'kes identity new --help'" + System.lineSeparator());
    String k = dir.resolve("k").toString();
    String c = dir.resolve("c").toString();
    assertThat(new CliRun().run("identity", "new", "--key", k, "--cert", c, "--ip", "localhost").err())
        .isEqualTo("Error: invalid IP address 'localhost'" + System.lineSeparator());
    assertThat(new CliRun().run("identity", "new", "--key", k, "--cert", c, "--expiry", "30d").err())
        .startsWith("Error: invalid expiry '30d': time: unknown unit");
    assertThat(new CliRun().run("identity", "new", "--key", dir.resolve("no/such/dir/k").toString(), "--cert", c).err())
        .startsWith("Error: failed to write '" + dir.resolve("no/such/dir/k") + "': no such file or directory");
  }
}

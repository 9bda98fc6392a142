package io.kesjava.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.Identity;
import io.kesjava.core.KesEngine;
import io.kesjava.core.tls.CertifiedKey;
import io.kesjava.core.tls.ClientAuth;
import io.kesjava.core.tls.Pem;
import io.kesjava.core.tls.SelfSigned;
import io.kesjava.core.tls.Tls;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.keystore.pem.PemReader;
import io.kesjava.policy.PolicyTable;
import io.kesjava.server.ErrorEvent;
import io.kesjava.server.KesServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private keys the command line writes are PKCS#8 version 1, which OpenSSL 3.0 reads, also on
 * runtimes whose JDK encodes Ed25519 keys as version 2 (Java 24 and newer).
 */
class IdentityKeyFormatTest {

  @TempDir Path dir;

  /** A version 2 encoding (with the public key), as Java 24+ and BouncyCastle write it. */
  private static byte[] version2() throws IOException {
    byte[] seed = new byte[32];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (byte) (i * 7 + 1);
    }
    byte[] der = PrivateKeyInfoFactory.createPrivateKeyInfo(new Ed25519PrivateKeyParameters(seed, 0))
        .getEncoded();
    assertThat(der[4]).as("the version of the BouncyCastle encoding").isEqualTo((byte) 1);
    return der;
  }

  @Test
  void toV1_dropsThePublicKey_andKeepsTheKey() throws Exception {
    byte[] v2 = version2();
    byte[] v1 = PemReader.pkcs8Version1(v2);
    // SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING seed } }
    assertThat(v1).hasSize(48);
    assertThat(Base64.getEncoder().encodeToString(v1)).startsWith("MC4CAQAwBQYDK2VwBCIEI");
    KeyFactory kf = KeyFactory.getInstance("Ed25519");
    PrivateKey a = kf.generatePrivate(new PKCS8EncodedKeySpec(v2));
    PrivateKey b = kf.generatePrivate(new PKCS8EncodedKeySpec(v1));
    assertThat(sign(a)).isEqualTo(sign(b)); // Ed25519 signatures are deterministic
    assertThat(PemReader.pkcs8Version1(v1)).isEqualTo(v1);
  }

  private static byte[] sign(PrivateKey key) throws Exception {
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(key);
    s.update("kes".getBytes(StandardCharsets.UTF_8));
    return s.sign();
  }

  @Test
  void identityNew_writesVersion1_thatOpensslReads_andCurlAuthenticatesWith() throws Exception {
    Path key = dir.resolve("client.key");
    Path cert = dir.resolve("client.cert");
    CliRun cli = new CliRun().run("identity", "new", "--key", key.toString(), "--cert", cert.toString(),
        "client");
    assertThat(cli.status).as(cli.err()).isZero();
    String pem = Files.readString(key);
    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    assertThat(der[4]).as("PKCS#8 version").isZero();
    assertThat(der).hasSize(48);

    Assumptions.assumeTrue(found("openssl"), "openssl is not installed");
    assertThat(run("openssl", "pkey", "-in", key.toString(), "-noout").exit).isZero();

    Assumptions.assumeTrue(found("curl"), "curl is not installed");
    Identity admin = Identity.of(Pem.readCertificates(cert).get(0));
    CertifiedKey server = SelfSigned.server().build();
    try (KesEngine engine = KesEngine.builder().keyStore(new MemoryKeyStore())
            .policies(PolicyTable.builder().admin(admin.value()).build()).build();
        KesServer kes = KesServer.builder()
            .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .sslContext(Tls.serverContext().credential(server).clientAuth(ClientAuth.REQUIRE_ANY)
                .build())
            .engine(engine).errorLog(false, ErrorEvent.INFO).build().start()) {
      Result r = run("curl", "-sS", "-k", "--cert", cert.toString(), "--key", key.toString(),
          "https://127.0.0.1:" + kes.address().getPort() + "/v1/identity/self/describe");
      assertThat(r.exit).as(r.output).isZero();
      assertThat(r.output).contains("\"admin\":true");
    }
  }

  private record Result(int exit, String output) {}

  private static boolean found(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }

  private static Result run(String... command) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}

package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.keystore.pem.PemException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PemTest {

  private static final char[] PASSWORD = "secret-pw".toCharArray();
  private static final String RSA_ID = "13185dda37ac833f79cb85b3d00704fd793682b0cab4a718e6621f3ee3fda3a5";
  private static final String EC_ID = "13c772ca83d7b1535783984c757acc12e690d16d435371749f5a20be0467e54b";
  private static final String ED_ID = "77271bc9c29e0daa0afda578d41bbdb745aa5ae21dcd43aaf0f79b1b76cd89e5";

  @TempDir Path dir;

  private static String idOf(PrivateKey key) {
    return TestCerts.identity(TestKeys.publicKeyOf(key));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa-pkcs1.pem, RSA, " + RSA_ID,
    "rsa-pkcs8.pem, RSA, " + RSA_ID,
    "ed25519-pkcs8.pem, EdDSA, " + ED_ID,
    "ec-with-params.pem, EC, d2b9a1b58c88cbb8f123096d06543e75c673f17c0557eddfd7d5b5061b8a5c9f",
  })
  void readPrivateKey_plainFormats_giveJdkKeysOfTheRightPair(String file, String algorithm, String identity) {
    PrivateKey key = Pem.readPrivateKey(TestCerts.write(dir, file, TestCerts.resource(file)), null);
    assertThat(key.getAlgorithm()).isEqualTo(algorithm);
    assertThat(idOf(key)).isEqualTo(identity);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "rsa-pkcs1-aes128-encrypted.pem, " + RSA_ID,
    "ec-sec1-des3-encrypted.pem, " + EC_ID,
    "ed25519-pkcs8-encrypted.pem, " + ED_ID,
  })
  void readPrivateKey_encryptedWithPassword_decrypts(String file, String identity) {
    assertThat(idOf(Pem.parsePrivateKey(TestCerts.resource(file), PASSWORD))).isEqualTo(identity);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"rsa-pkcs1-aes128-encrypted.pem", "ec-sec1-des3-encrypted.pem", "ed25519-pkcs8-encrypted.pem"})
  void readPrivateKey_encryptedWithoutPassword_saysPasswordRequired(String file) {
    assertThatThrownBy(() -> Pem.parsePrivateKey(TestCerts.resource(file), new char[0]))
        .isInstanceOf(PemException.class)
        .hasMessage("private key is encrypted: password required");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"rsa-pkcs1-aes128-encrypted.pem", "ec-sec1-des3-encrypted.pem", "ed25519-pkcs8-encrypted.pem"})
  void readPrivateKey_encryptedWithWrongPassword_saysIncorrectPassword(String file) {
    assertThatThrownBy(() -> Pem.parsePrivateKey(TestCerts.resource(file), "nope".toCharArray()))
        .isInstanceOf(PemException.class)
        .hasMessage("private key is encrypted: incorrect password")
        .hasMessageNotContaining("nope");
  }

  @Test
  void readPrivateKey_passwordForPlainKey_isIgnored() {
    assertThat(idOf(Pem.parsePrivateKey(TestCerts.resource("rsa-pkcs1.pem"), PASSWORD))).isEqualTo(RSA_ID);
  }

  @Test
  void readPrivateKey_skipsCertificatesBeforeTheKey() {
    CertifiedKey ck = SelfSigned.server().build();
    String pem = Pem.encodeCertificate(ck.certificate()) + Pem.encodePrivateKey(ck.privateKey());
    assertThat(Pem.parsePrivateKey(pem, null)).isEqualTo(ck.privateKey());
  }

  @Test
  void readPrivateKey_withoutKeyBlock_fails() {
    CertifiedKey ck = SelfSigned.server().build();
    assertThatThrownBy(() -> Pem.parsePrivateKey(Pem.encodeCertificate(ck.certificate()), null))
        .isInstanceOf(PemException.class)
        .hasMessage("no PEM-encoded private key found");
    assertThatThrownBy(() -> Pem.parsePrivateKey("", null)).hasMessage("no PEM-encoded private key found");
  }

  @Test
  void readPrivateKey_unknownKeyType_fails() {
    String pem = "-----BEGIN DSA PRIVATE KEY-----\nAAAA\n-----END DSA PRIVATE KEY-----\n";
    assertThatThrownBy(() -> Pem.parsePrivateKey(pem, null))
        .isInstanceOf(PemException.class)
        .hasMessage("unsupported private key type 'DSA PRIVATE KEY'");
  }

  @Test
  void readPrivateKey_garbageInKeyBlock_failsWithoutEchoingIt() {
    String pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0LWJ5dGVz\n-----END PRIVATE KEY-----\n";
    assertThatThrownBy(() -> Pem.parsePrivateKey(pem, null))
        .isInstanceOf(PemException.class)
        .hasMessage("malformed private key in 'PRIVATE KEY' block");
  }

  @Test
  void readPrivateKey_missingFile_failsWithItsName() {
    Path missing = dir.resolve("missing.key");
    assertThatThrownBy(() -> Pem.readPrivateKey(missing, null))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void encodeEncryptedPrivateKey_roundTripsWithThePassword() throws Exception {
    for (KeyPair pair :
        List.of(KeyType.ED25519.generate(), KeyType.ECDSA_P256.generate(), rsa())) {
      String pem = Pem.encodeEncryptedPrivateKey(pair.getPrivate(), PASSWORD);
      assertThat(pem).contains("Proc-Type: 4,ENCRYPTED").contains("DEK-Info: AES-256-CBC,");
      assertThat(Pem.parsePrivateKey(pem, PASSWORD)).isEqualTo(pair.getPrivate());
      assertThatThrownBy(() -> Pem.parsePrivateKey(pem, null)).hasMessage("private key is encrypted: password required");
    }
  }

  @Test
  void encodePrivateKey_roundTrips() throws Exception {
    for (KeyPair pair : List.of(KeyType.ED25519.generate(), KeyType.ECDSA_P256.generate(), rsa())) {
      String pem = Pem.encodePrivateKey(pair.getPrivate());
      assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
      PrivateKey read = Pem.parsePrivateKey(pem, null);
      assertThat(read).isEqualTo(pair.getPrivate());
      assertThat(Keys.matches(read, pair.getPublic())).isTrue();
    }
  }

  @Test
  void encodePrivateKey_writesTheVersion1FormEvenOfAVersion2Key() throws Exception {
    // A key whose JDK encoding is PKCS#8 version 2 (RFC 5958: the public key inside), as JDK 25
    // encodes Ed25519 keys; OpenSSL 3.0 (and so curl) cannot read that form.
    KeyPair pair = KeyType.ED25519.generate();
    PrivateKeyInfo jdk = PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
    byte[] publicKey = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded())
        .getPublicKeyData().getBytes();
    byte[] v1 = new PrivateKeyInfo(jdk.getPrivateKeyAlgorithm(), jdk.parsePrivateKey()).getEncoded();
    byte[] v2 = new PrivateKeyInfo(jdk.getPrivateKeyAlgorithm(), jdk.parsePrivateKey(), null, publicKey)
        .getEncoded();
    assertThat(PrivateKeyInfo.getInstance(v2).getVersion().intValueExact()).isEqualTo(1);
    PrivateKey v2Key = new PrivateKey() {
      @Override public String getAlgorithm() { return "EdDSA"; }
      @Override public String getFormat() { return "PKCS#8"; }
      @Override public byte[] getEncoded() { return v2.clone(); }
    };

    String pem = Pem.encodePrivateKey(v2Key);

    byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    PrivateKeyInfo written = PrivateKeyInfo.getInstance(der);
    assertThat(written.getVersion().intValueExact()).isZero();
    assertThat(written.getPublicKeyData()).isNull();
    assertThat(der).isEqualTo(v1);
    assertThat(Pem.parsePrivateKey(pem, null)).isEqualTo(pair.getPrivate());
  }

  @Test
  void readCertificates_chainInOrder() {
    CertifiedKey a = SelfSigned.server().build();
    CertifiedKey b = SelfSigned.builder().commonName("b").build();
    Path file = TestCerts.write(dir, "chain.pem", Pem.encodeCertificate(a.certificate()) + "\n" + Pem.encodeCertificate(b.certificate()));
    assertThat(Pem.readCertificates(file)).containsExactly(a.certificate(), b.certificate());
  }

  @Test
  void readCertificates_withPrivateKeyBlock_fails() {
    CertifiedKey a = SelfSigned.server().build();
    String pem = Pem.encodeCertificate(a.certificate()) + Pem.encodePrivateKey(a.privateKey());
    assertThatThrownBy(() -> Pem.parseCertificates(pem))
        .isInstanceOf(PemException.class)
        .hasMessage("unsupported PEM data block 'PRIVATE KEY'");
  }

  @Test
  void readCertificates_emptyOrTrailingJunk_fails() {
    assertThatThrownBy(() -> Pem.parseCertificates("  \n")).hasMessage("no valid PEM data");
    String cert = Pem.encodeCertificate(SelfSigned.server().build().certificate());
    assertThatThrownBy(() -> Pem.parseCertificates(cert + "junk\n")).hasMessage("no valid PEM data");
    assertThat(Pem.parseCertificates("comment before\n" + cert)).hasSize(1);
  }

  @Test
  void readCertificates_malformedBlocks_fail() {
    String cert = Pem.encodeCertificate(SelfSigned.server().build().certificate());
    assertThatThrownBy(() -> Pem.parseCertificates(cert.replace("-----END CERTIFICATE-----", "-----END CERTIFICATE----")))
        .isInstanceOf(PemException.class);
    assertThatThrownBy(() -> Pem.parseCertificates(cert.replace("-----END CERTIFICATE-----\n", "")))
        .isInstanceOf(PemException.class)
        .hasMessageContaining("has no valid end line");
    assertThatThrownBy(() -> Pem.parseCertificates(cert.replace("-----END CERTIFICATE-----", "-----END KEY-----")))
        .hasMessageContaining("ends as 'KEY'");
    assertThatThrownBy(() -> Pem.parseCertificates("-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n"))
        .hasMessageContaining("not valid base64");
    assertThatThrownBy(() -> Pem.parseCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .hasMessageStartingWith("malformed certificate");
  }

  @Test
  void readCertificates_acceptsCrLf() {
    String cert = Pem.encodeCertificate(SelfSigned.server().build().certificate());
    assertThat(Pem.parseCertificates(cert.replace("\n", "\r\n"))).hasSize(1);
  }

  @Test
  void readCaCertificates_directory_readsEveryFileAndSkipsSubdirectories() throws Exception {
    X509Certificate a = SelfSigned.builder().commonName("a").build().certificate();
    X509Certificate b = SelfSigned.builder().commonName("b").build().certificate();
    TestCerts.write(dir, "1-a.pem", Pem.encodeCertificate(a));
    TestCerts.write(dir, "2-b.crt", Pem.encodeCertificate(b));
    Files.createDirectory(dir.resolve("sub"));
    TestCerts.write(dir.resolve("sub"), "junk.txt", "not a certificate");
    assertThat(Pem.readCaCertificates(dir)).containsExactly(a, b);
    assertThat(Pem.readCaCertificates(dir.resolve("1-a.pem"))).containsExactly(a);
  }

  @Test
  void readCaCertificates_directoryWithOtherFile_failsNamingIt() {
    TestCerts.write(dir, "ca.pem", Pem.encodeCertificate(SelfSigned.server().build().certificate()));
    Path readme = TestCerts.write(dir, "README", "");
    assertThatThrownBy(() -> Pem.readCaCertificates(dir))
        .isInstanceOf(PemException.class)
        .hasMessage("failed to add '" + readme + "' as CA certificate: no valid PEM data");
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }
}

package io.kesjava.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import io.kesjava.keystore.MemoryKeyStore;
import io.kesjava.policy.Policy;
import io.kesjava.policy.PolicyTable;
import io.kesjava.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class KesEngineTest {

  private static final String ADMIN = "a".repeat(64);
  private static final String APP = "b".repeat(64);
  private static final byte[] NO_CONTEXT = new byte[0];

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final MemoryKeyStore store = new MemoryKeyStore();
  private final KesEngine kes =
      KesEngine.builder()
          .keyStore(store)
          .clock(clock)
          .policies(
              PolicyTable.builder()
                  .admin(ADMIN)
                  .policy(
                      new Policy("app", List.of("/v1/key/generate/app-*"), List.of()), List.of(APP))
                  .build())
          .keys(List.of("configured"))
          .build();

  @Test
  void createKey_thenDescribe_showsTheCreator() {
    kes.asUnchecked(new Identity(APP)).createKey("my-key");
    KeyInfo info = kes.describeKey("my-key");
    assertThat(info.name()).isEqualTo("my-key");
    assertThat(info.algorithm()).isEqualTo(KeyAlgorithm.AES256);
    assertThat(info.createdBy()).isEqualTo(APP);
    assertThat(info.createdAt()).isEqualTo(clock.instant());
  }

  @Test
  void createKey_twice_failsWithKeyExists() {
    kes.createKey("k");
    assertThatThrownBy(() -> kes.createKey("k"))
        .isInstanceOf(KeyExistsException.class)
        .hasMessage("key already exists");
  }

  @Test
  void invalidNames_failWithoutSideEffects() {
    for (String bad : new String[] {"", "my.key", "key/", "-k", "_", "a".repeat(81)}) {
      assertThatThrownBy(() -> kes.createKey(bad))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessage("key name '" + bad + "' is empty, too long or contains invalid characters");
    }
    assertThat(kes.listKeys("*").names()).containsExactly("configured");
  }

  @Test
  void configuredKeys_areCreatedByTheAdmin() {
    assertThat(kes.describeKey("configured").createdBy()).isEqualTo(ADMIN);
  }

  @Test
  void configuredKeys_withAnInvalidName_failTheBuild() {
    assertThatThrownBy(
            () -> KesEngine.builder().keyStore(new MemoryKeyStore()).keys(List.of("a.b")).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a.b");
  }

  @Test
  void generateKey_returnsADataKeyThatDecryptsWithTheSameContext() {
    kes.createKey("k");
    byte[] ctx = "bucket/object".getBytes(StandardCharsets.UTF_8);
    try (DataKey dek = kes.generateKey("k", ctx)) {
      assertThat(dek.plaintext().length()).isEqualTo(32);
      assertThat(dek.ciphertext()).hasSize(76);
      try (SecretBytes plain = kes.decrypt("k", dek.ciphertext(), ctx)) {
        assertThat(plain.equalsConstantTime(dek.plaintext())).isTrue();
      }
      assertThatThrownBy(() -> kes.decrypt("k", dek.ciphertext(), NO_CONTEXT))
          .isInstanceOf(NotAuthenticException.class)
          .hasMessage("decryption failed: ciphertext is not authentic");
      assertThat(dek.toString()).doesNotContain(
          Base64.getEncoder().encodeToString(dek.plaintext().bytes()));
    }
  }

  @Test
  void encrypt_thenDecrypt_returnsThePlaintext_andTamperingFails() {
    kes.createKey("k");
    byte[] ct = kes.encrypt("k", "secret".getBytes(StandardCharsets.UTF_8), NO_CONTEXT);
    assertThat(kes.decrypt("k", ct, NO_CONTEXT).bytes())
        .isEqualTo("secret".getBytes(StandardCharsets.UTF_8));
    ct[0] ^= 1;
    assertThatThrownBy(() -> kes.decrypt("k", ct, NO_CONTEXT))
        .isInstanceOf(NotAuthenticException.class);
    assertThatThrownBy(() -> kes.decrypt("k", new byte[10], NO_CONTEXT))
        .isInstanceOf(NotAuthenticException.class);
  }

  @Test
  void decrypt_underAnotherKey_fails() {
    kes.createKey("a");
    kes.createKey("b");
    byte[] ct = kes.encrypt("a", new byte[] {1}, NO_CONTEXT);
    assertThatThrownBy(() -> kes.decrypt("b", ct, NO_CONTEXT))
        .isInstanceOf(NotAuthenticException.class);
  }

  @Test
  void importKey_decryptsWhatTheSameSecretEncrypted() {
    byte[] secret = new byte[32];
    kes.importKey("imported", KeyAlgorithm.CHACHA20, secret);
    assertThat(kes.describeKey("imported").algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
    byte[] ct = kes.encrypt("imported", new byte[] {7}, NO_CONTEXT);
    kes.importKey("twin", KeyAlgorithm.CHACHA20, secret);
    assertThat(kes.decrypt("twin", ct, NO_CONTEXT).bytes()).containsExactly(7);
    // a fresh HMAC key per import: same secret, different HMACs
    assertThat(kes.hmac("imported", new byte[] {1})).isNotEqualTo(kes.hmac("twin", new byte[] {1}));
  }

  @Test
  void importKey_ofTheWrongSize_failsWith406AndStoresNothing() {
    assertThatThrownBy(() -> kes.importKey("k", KeyAlgorithm.AES256, new byte[31]))
        .isInstanceOfSatisfying(KesException.class, e -> assertThat(e.status()).isEqualTo(406))
        .hasMessage("invalid key size for 'AES256'");
    assertThatThrownBy(() -> kes.describeKey("k")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void hmac_isDeterministicPerKey() {
    kes.createKey("k");
    byte[] m = "message".getBytes(StandardCharsets.UTF_8);
    assertThat(kes.hmac("k", m)).hasSize(32).isEqualTo(kes.hmac("k", m));
  }

  @Test
  void hmac_ofALegacyKey_failsWith409() {
    String legacy = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(new byte[32]) + "\"}";
    store.create("legacy", legacy.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> kes.hmac("legacy", new byte[0]))
        .isInstanceOfSatisfying(KesException.class, e -> assertThat(e.status()).isEqualTo(409))
        .hasMessage("key does not support HMAC");
    // but it still encrypts and decrypts
    byte[] ct = kes.encrypt("legacy", new byte[] {1}, NO_CONTEXT);
    assertThat(kes.decrypt("legacy", ct, NO_CONTEXT).bytes()).containsExactly(1);
  }

  @Test
  void aCorruptStoredKey_failsWith502_andTheMessageHoldsNoKeyBytes() {
    String corrupt = "CiQKIAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; // truncated protobuf
    store.create("corrupt", corrupt.getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> kes.generateKey("corrupt", NO_CONTEXT))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessage("failed to read key")
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).doesNotContain(corrupt));
  }

  @Test
  void missingKeys_failWithKeyNotFound() {
    assertThatThrownBy(() -> kes.generateKey("nope", NO_CONTEXT))
        .isInstanceOf(KeyNotFoundException.class)
        .hasMessage("key does not exist");
    assertThatThrownBy(() -> kes.deleteKey("nope")).isInstanceOf(KeyNotFoundException.class);
  }

  @Test
  void deleteKey_makesItUnusable_andTheNameFreeAgain() {
    kes.createKey("k");
    kes.deleteKey("k");
    assertThatThrownBy(() -> kes.encrypt("k", new byte[0], NO_CONTEXT))
        .isInstanceOf(KeyNotFoundException.class);
    kes.createKey("k");
  }

  @Test
  void listKeys_byPattern() {
    for (String n : List.of("my-key", "my-key2", "0-key", "1-key")) {
      kes.createKey(n);
    }
    assertThat(kes.listKeys("").names())
        .containsExactly("0-key", "1-key", "configured", "my-key", "my-key2");
    assertThat(kes.listKeys("*").names()).hasSize(5);
    assertThat(kes.listKeys("my*").names()).containsExactly("my-key", "my-key2");
    assertThat(kes.listKeys("my-key2").names()).containsExactly("my-key2");
    assertThat(kes.listKeys("my").continueAt()).isEmpty();
    assertThatThrownBy(() -> kes.listKeys("*my"))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("listing pattern '*my' is empty, too long or is invalid");
  }

  @Test
  void policiesAndIdentities_areDescribed() {
    assertThat(kes.listPolicies("*").names()).containsExactly("app");
    assertThat(kes.describePolicy("app").createdBy()).isEqualTo(ADMIN);
    assertThat(kes.readPolicy("app").allow()).containsExactly("/v1/key/generate/app-*");
    assertThatThrownBy(() -> kes.readPolicy("other")).isInstanceOf(PolicyNotFoundException.class);
    assertThatThrownBy(() -> kes.readPolicy("a.b")).isInstanceOf(InvalidArgumentException.class);
    // A null policy name is an invalid name, as the server would answer it.
    assertThatThrownBy(() -> kes.describePolicy(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("policy name 'null' is empty, too long or contains invalid characters");
    assertThatThrownBy(() -> kes.readPolicy(null)).isInstanceOf(InvalidArgumentException.class);
    assertThat(kes.listIdentities("").names()).containsExactly(ADMIN, APP);
    assertThat(kes.describeIdentity(new Identity(APP)).policy()).isEqualTo("app");
    assertThat(kes.describeIdentity(new Identity(ADMIN)).admin()).isTrue();
    assertThatThrownBy(() -> kes.describeIdentity(new Identity("c".repeat(64))))
        .isInstanceOf(IdentityNotFoundException.class);
  }

  @Test
  void describeSelf_showsTheCallersPolicy() {
    SelfInfo self = kes.as(new Identity(APP)).describeSelf();
    assertThat(self.info().policy()).isEqualTo("app");
    assertThat(self.rules().orElseThrow().allow()).containsExactly("/v1/key/generate/app-*");
    assertThat(kes.describeSelf().info().admin()).isTrue();
    SelfInfo stranger = kes.as(new Identity("c".repeat(64))).describeSelf();
    assertThat(stranger.info().policy()).isEmpty();
    assertThat(stranger.rules()).isEmpty();
  }

  @Test
  void updatePolicies_isSeenByViews() {
    Kes app = kes.as(new Identity(APP));
    kes.updatePolicies(PolicyTable.builder().admin(ADMIN).build());
    assertThat(app.describeSelf().info().policy()).isEmpty();
    assertThat(kes.listPolicies("*").names()).isEmpty();
  }

  @Test
  void as_checksThePoliciesAtOnce_andUpdatePoliciesChangesTheDecision() {
    Kes app = kes.as(new Identity(APP));
    kes.createKey("app-key");
    app.generateKey("app-key", new byte[0]).close();
    assertThatThrownBy(() -> app.createKey("app-other"))
        .isInstanceOfSatisfying(NotAllowedException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessage("not authorized: insufficient permissions");
    // refused before the name is looked at, as the server refuses before the handler runs
    assertThatThrownBy(() -> app.describeKey("no such name!"))
        .isInstanceOf(NotAllowedException.class);
    kes.updatePolicies(PolicyTable.builder().admin(ADMIN).build());
    assertThatThrownBy(() -> app.generateKey("app-key", new byte[0]))
        .isInstanceOf(NotAllowedException.class);
    assertThat(app.describeSelf().info().identity()).isEqualTo(new Identity(APP));
  }

  @Test
  void as_theAdmin_mayDoEverything_andAsUncheckedChecksNothing() {
    Kes admin = kes.as(new Identity(ADMIN));
    admin.createKey("by-admin");
    assertThat(admin.listIdentities("").names()).contains(ADMIN, APP);
    Kes stranger = kes.asUnchecked(new Identity("c".repeat(64)));
    stranger.createKey("by-stranger");
    assertThat(kes.describeKey("by-stranger").createdBy()).isEqualTo("c".repeat(64));
    assertThatThrownBy(() -> kes.as(new Identity("c".repeat(64))).status())
        .isInstanceOf(NotAllowedException.class);
  }

  @Test
  void keyStoreDescription_namesTheStore() {
    assertThat(kes.keyStoreDescription()).isNotBlank().isEqualTo(store.description());
  }

  @Test
  void status_reportsTheKeyStore() {
    StatusInfo s = kes.status();
    assertThat(s.keystoreUnreachable()).isFalse();
    assertThat(s.keystoreLatency()).isPresent();
    assertThat(s.os()).isNotBlank();
    assertThat(s.numCpu()).isPositive();
    kes.checkReady();
  }

  @Test
  void anUnreachableStore_makesReadyFailWith504() {
    FlakyKeyStore flaky = new FlakyKeyStore();
    KesEngine engine = KesEngine.builder().keyStore(flaky).build();
    flaky.offline = true;
    assertThatThrownBy(engine::checkReady)
        .isInstanceOfSatisfying(
            KeyStoreUnavailableException.class, e -> assertThat(e.status()).isEqualTo(504))
        .hasMessage("key store is not reachable");
    assertThat(engine.status().keystoreUnreachable()).isTrue();
    assertThatThrownBy(() -> engine.createKey("k"))
        .isInstanceOf(KeyStoreUnavailableException.class)
        .hasMessage("failed to create key");
  }
}

package io.kesjava.core.contract;

import static io.kesjava.core.contract.ContractAssertions.assertFails;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.DataKey;
import io.kesjava.core.Identity;
import io.kesjava.core.IdentityNotFoundException;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.Kes;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyExistsException;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.Listing;
import io.kesjava.core.Names;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.core.PolicyNotFoundException;
import io.kesjava.core.StatusInfo;
import io.kesjava.crypto.KeyAlgorithm;
import io.kesjava.crypto.SecretBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The key half of the contract of {@link Kes}, with the hooks an implementation fills in; extend
 * {@link KesContractTest}, which adds policies, identities and authorization.
 *
 * <p>The contract of {@link Kes}: what every implementation returns and throws for the same inputs.
 * {@code KesEngineContractTest} runs it in-process; kes-client runs it against a real server over
 * TLS, so that the engine and the client cannot drift apart (docs/architecture.md, "the one
 * interface"). Exceptions are compared by class, status and message, as KES clients compare them
 * ({@code docs/http-api.md#errors}).
 *
 * <p>An implementation serves {@link ContractPolicies#table(Identity, Identity)} over an initially
 * empty in-memory key store that keeps its keys for the whole class (names are unique per test).
 * Every test runs on every implementation: the user and the stranger are checked against the
 * policies by a server and by {@code KesEngine.as(Identity)} alike.
 */
public abstract class KeyContract {

  static final byte[] NONE = new byte[0];
  private static final AtomicLong SEQ = new AtomicLong();

  /** The service, acting as the admin identity. */
  protected abstract Kes kes();

  /** The service, acting as {@link #userIdentity()}, which has {@link ContractPolicies#USER_POLICY}. */
  protected abstract Kes user();

  /** The service, acting as {@link #strangerIdentity()}, which has no policy. */
  protected abstract Kes stranger();

  /** The admin identity of the table. */
  protected abstract Identity adminIdentity();

  /** The identity with {@link ContractPolicies#USER_POLICY}. */
  protected abstract Identity userIdentity();

  /** An identity that is neither the admin nor assigned to a policy. */
  protected abstract Identity strangerIdentity();

  /** A fresh valid key name starting with {@code prefix}. */
  protected static String unique(String prefix) {
    return prefix + "-" + Long.toString(System.nanoTime(), 36) + "-" + SEQ.incrementAndGet();
  }

  // ---- create, import, describe, delete ----

  @Test
  void createKey_thenDescribe_showsNameAlgorithmCreatorAndTime() {
    String name = unique("k");
    Instant before = Instant.now().minusSeconds(2);
    kes().createKey(name);
    KeyInfo info = kes().describeKey(name);
    assertThat(info.name()).isEqualTo(name);
    assertThat(info.algorithm()).isEqualTo(KeyAlgorithm.AES256);
    assertThat(info.createdBy()).isEqualTo(adminIdentity().value());
    assertThat(info.createdAt()).isBetween(before, Instant.now().plusSeconds(2));
  }

  @Test
  void createKey_twice_failsWithKeyExists() {
    String name = unique("k");
    kes().createKey(name);
    assertFails(() -> kes().createKey(name), KeyExistsException.class, 400, "key already exists");
  }

  @Test
  void createKey_byAnotherIdentity_recordsThatIdentity() {
    String name = unique("user");
    user().createKey(name);
    assertThat(kes().describeKey(name).createdBy()).isEqualTo(userIdentity().value());
  }

  @Test
  void describeKey_ofAMissingKey_failsWithKeyNotFound() {
    assertFails(() -> kes().describeKey(unique("missing")), KeyNotFoundException.class, 404,
        "key does not exist");
  }

  @Test
  void deleteKey_removesTheKey_andAgainFailsWithKeyNotFound() {
    String name = unique("k");
    kes().createKey(name);
    kes().deleteKey(name);
    assertFails(() -> kes().describeKey(name), KeyNotFoundException.class, 404,
        "key does not exist");
    assertFails(() -> kes().encrypt(name, NONE, NONE), KeyNotFoundException.class, 404,
        "key does not exist");
    assertFails(() -> kes().deleteKey(name), KeyNotFoundException.class, 404,
        "key does not exist");
  }

  @Test
  void deleteKey_thenCreate_givesANewKey() {
    String name = unique("k");
    kes().createKey(name);
    byte[] ct = kes().encrypt(name, bytes("x"), NONE);
    kes().deleteKey(name);
    kes().createKey(name);
    assertFails(() -> kes().decrypt(name, ct, NONE), NotAuthenticException.class, 400,
        NotAuthenticException.MESSAGE);
  }

  @Test
  void importKey_knownBytes_decryptsAKnownCiphertext() {
    // docs/formats.md#ciphertexts: AES256, K = 32 zero bytes, 16 zero bytes of plaintext, no
    // context.
    String name = unique("k");
    kes().importKey(name, KeyAlgorithm.AES256, new byte[32]);
    byte[] ct = Base64.getDecoder().decode(
        "Tq5IFqwCstqmR5cBrIsY4s8BLP2NYreR0Oi9EN4XfJUAAQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRob");
    try (SecretBytes pt = kes().decrypt(name, ct, NONE)) {
      assertThat(pt.bytes()).isEqualTo(new byte[16]);
    }
    assertThat(kes().describeKey(name).algorithm()).isEqualTo(KeyAlgorithm.AES256);
  }

  @Test
  void importKey_sameBytesUnderTwoNames_decryptEachOthersCiphertexts() {
    byte[] key = new byte[32];
    new java.util.Random(7).nextBytes(key);
    String a = unique("k");
    String b = unique("k");
    kes().importKey(a, KeyAlgorithm.CHACHA20, key);
    kes().importKey(b, KeyAlgorithm.CHACHA20, key);
    assertThat(kes().describeKey(b).algorithm()).isEqualTo(KeyAlgorithm.CHACHA20);
    byte[] ct = kes().encrypt(a, bytes("shared"), bytes("ctx"));
    try (SecretBytes pt = kes().decrypt(b, ct, bytes("ctx"))) {
      assertThat(pt.bytes()).isEqualTo(bytes("shared"));
    }
  }

  @Test
  void importKey_ofTheWrongSize_failsWith406() {
    assertFails(() -> kes().importKey(unique("k"), KeyAlgorithm.AES256, new byte[16]),
        KesException.class, 406, "invalid key size for 'AES256'");
    assertFails(() -> kes().importKey(unique("k"), KeyAlgorithm.CHACHA20, new byte[33]),
        KesException.class, 406, "invalid key size for 'ChaCha20'");
  }

  @Test
  void importKey_overAnExistingKey_failsWithKeyExists() {
    String name = unique("k");
    kes().createKey(name);
    assertFails(() -> kes().importKey(name, KeyAlgorithm.AES256, new byte[32]),
        KeyExistsException.class, 400, "key already exists");
  }

  /** Names that test the name rule and the way names travel in URL paths. */
  static Stream<String> trickyNames() {
    return ContractAssertions.trickyNames();
  }

  @ParameterizedTest
  @MethodSource("trickyNames")
  void keyOperations_withAnyName_followTheNameRule(String name) {
    if (Names.isValidName(name)) {
      assertFails(() -> kes().describeKey(name), KeyNotFoundException.class, 404,
          "key does not exist");
      return;
    }
    String message = "key name '" + name + "' is empty, too long or contains invalid characters";
    assertFails(() -> kes().createKey(name), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().importKey(name, KeyAlgorithm.AES256, new byte[32]),
        InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().describeKey(name), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().deleteKey(name), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().generateKey(name, NONE), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().encrypt(name, NONE, NONE), InvalidArgumentException.class, 400,
        message);
    assertFails(() -> kes().decrypt(name, new byte[64], NONE), InvalidArgumentException.class,
        400, message);
    assertFails(() -> kes().hmac(name, NONE), InvalidArgumentException.class, 400, message);
  }

  @ParameterizedTest
  @MethodSource("trickyNames")
  void policyAndIdentityOperations_withAnyName_followTheNameRule(String name) {
    if (Names.isValidName(name)) {
      assertFails(() -> kes().describePolicy(name), PolicyNotFoundException.class, 404,
          "policy does not exist");
      assertFails(() -> kes().describeIdentity(new Identity(name)),
          IdentityNotFoundException.class, 404, "identity does not exist");
      return;
    }
    String policy = "policy name '" + name + "' is empty, too long or contains invalid characters";
    assertFails(() -> kes().describePolicy(name), InvalidArgumentException.class, 400, policy);
    assertFails(() -> kes().readPolicy(name), InvalidArgumentException.class, 400, policy);
    if (!name.isEmpty()) {
      assertFails(() -> kes().describeIdentity(new Identity(name)),
          InvalidArgumentException.class, 400,
          "identity '" + name + "' is empty, too long or contains invalid characters");
    }
  }

  @ParameterizedTest
  @MethodSource("trickyNames")
  void listings_withAnyPattern_followThePatternRule(String pattern) {
    if (Names.isValidPattern(pattern)) {
      assertThat(kes().listKeys(pattern).continueAt()).isEmpty();
      assertThat(kes().listPolicies(pattern).names()).isSorted();
      assertThat(kes().listIdentities(pattern).names()).isSorted();
      return;
    }
    String message = "listing pattern '" + pattern + "' is empty, too long or is invalid";
    assertFails(() -> kes().listKeys(pattern), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().listPolicies(pattern), InvalidArgumentException.class, 400, message);
    assertFails(() -> kes().listIdentities(pattern), InvalidArgumentException.class, 400,
        message);
  }

  // ---- listing keys ----

  @Test
  void listKeys_byPrefix_returnsTheMatchingNamesSorted() {
    String prefix = unique("ls");
    for (String s : List.of("c", "a", "b")) {
      kes().createKey(prefix + "-" + s);
    }
    kes().createKey(prefix + "x");
    List<String> abc = List.of(prefix + "-a", prefix + "-b", prefix + "-c");
    assertThat(kes().listKeys(prefix + "-*").names()).isEqualTo(abc);
    assertThat(kes().listKeys(prefix + "-a").names()).containsExactly(prefix + "-a");
    assertThat(kes().listKeys(prefix).names()).hasSize(4).isSorted();
    assertThat(kes().listKeys(prefix + "-*").continueAt()).isEmpty();
    assertThat(kes().listKeys(unique("none")).names()).isEmpty();
  }

  @Test
  void listKeys_all_withEmptyOrStar_containsEveryKeySorted() {
    String name = unique("all");
    kes().createKey(name);
    for (String all : List.of("", "*")) {
      Listing l = kes().listKeys(all);
      assertThat(l.names()).contains(name).isSorted();
      assertThat(l.continueAt()).isEmpty();
    }
  }

  // ---- data keys, encryption, HMAC ----

  @Test
  void generateKey_returnsA32ByteKeyWhoseCiphertextDecryptsWithTheSameContext() {
    String name = unique("k");
    kes().createKey(name);
    try (DataKey dek = kes().generateKey(name, bytes("bucket/object"))) {
      assertThat(dek.plaintext().length()).isEqualTo(32);
      assertThat(dek.ciphertext()).hasSize(32 + 44);
      try (SecretBytes pt = kes().decrypt(name, dek.ciphertext(), bytes("bucket/object"))) {
        assertThat(pt.equalsConstantTime(dek.plaintext())).isTrue();
      }
      assertFails(() -> kes().decrypt(name, dek.ciphertext(), bytes("other")),
          NotAuthenticException.class, 400, NotAuthenticException.MESSAGE);
      assertFails(() -> kes().decrypt(name, dek.ciphertext(), NONE),
          NotAuthenticException.class, 400, NotAuthenticException.MESSAGE);
    }
    try (DataKey dek = kes().generateKey(name, NONE);
        SecretBytes pt = kes().decrypt(name, dek.ciphertext(), NONE)) {
      assertThat(pt.equalsConstantTime(dek.plaintext())).isTrue();
    }
  }

  @Test
  void generateKey_ofAMissingKey_failsWithKeyNotFound() {
    assertFails(() -> kes().generateKey(unique("missing"), NONE), KeyNotFoundException.class, 404,
        "key does not exist");
  }

  @Test
  void encrypt_thenDecrypt_returnsThePlaintext_forEmptySmallAndLargeInputs() {
    String name = unique("k");
    kes().createKey(name);
    byte[] large = new byte[300_000];
    new java.util.Random(1).nextBytes(large);
    for (byte[] pt : List.of(NONE, bytes("hello"), large)) {
      byte[] ct = kes().encrypt(name, pt, bytes("ctx"));
      assertThat(ct).hasSize(pt.length + 44);
      try (SecretBytes out = kes().decrypt(name, ct, bytes("ctx"))) {
        assertThat(out.bytes()).isEqualTo(pt);
      }
    }
  }

  @Test
  void encrypt_twice_givesDifferentCiphertexts() {
    String name = unique("k");
    kes().createKey(name);
    assertThat(kes().encrypt(name, bytes("same"), NONE))
        .isNotEqualTo(kes().encrypt(name, bytes("same"), NONE));
  }

  @Test
  void decrypt_ofAModifiedOrForeignCiphertext_failsWithNotAuthentic() {
    String name = unique("k");
    String other = unique("k");
    kes().createKey(name);
    kes().createKey(other);
    byte[] ct = kes().encrypt(name, bytes("secret"), NONE);
    for (int i : new int[] {0, ct.length / 2, ct.length - 1}) {
      byte[] bad = ct.clone();
      bad[i] ^= 1;
      assertFails(() -> kes().decrypt(name, bad, NONE), NotAuthenticException.class, 400,
          NotAuthenticException.MESSAGE);
    }
    for (byte[] bad : List.of(NONE, new byte[28], java.util.Arrays.copyOf(ct, ct.length - 1),
        bytes("{\"not\":\"a ciphertext\"}"))) {
      assertFails(() -> kes().decrypt(name, bad, NONE), NotAuthenticException.class, 400,
          NotAuthenticException.MESSAGE);
    }
    assertFails(() -> kes().decrypt(other, ct, NONE), NotAuthenticException.class, 400,
        NotAuthenticException.MESSAGE);
  }

  @Test
  void encryptAndDecrypt_ofAMissingKey_failWithKeyNotFound() {
    String name = unique("missing");
    assertFails(() -> kes().encrypt(name, bytes("x"), NONE), KeyNotFoundException.class, 404,
        "key does not exist");
    assertFails(() -> kes().decrypt(name, new byte[60], NONE), KeyNotFoundException.class, 404,
        "key does not exist");
  }

  @Test
  void hmac_isDeterministicPerKeyAndMessage() {
    String a = unique("k");
    String b = unique("k");
    kes().createKey(a);
    kes().importKey(b, KeyAlgorithm.AES256, new byte[32]);
    byte[] mac = kes().hmac(a, bytes("message"));
    assertThat(mac).hasSize(32);
    assertThat(kes().hmac(a, bytes("message"))).isEqualTo(mac);
    assertThat(kes().hmac(a, bytes("other"))).isNotEqualTo(mac);
    assertThat(kes().hmac(a, NONE)).hasSize(32);
    assertThat(kes().hmac(b, bytes("message"))).hasSize(32).isNotEqualTo(mac);
    assertFails(() -> kes().hmac(unique("missing"), NONE), KeyNotFoundException.class, 404,
        "key does not exist");
  }

  // ---- status ----

  @Test
  void status_describesTheProcessAndAReachableKeyStore() {
    StatusInfo s = kes().status();
    assertThat(s.version()).isNotEmpty();
    assertThat(s.os()).isNotEmpty();
    assertThat(s.arch()).isNotEmpty();
    assertThat(s.uptime()).isGreaterThanOrEqualTo(Duration.ZERO);
    assertThat(s.numCpu()).isPositive();
    assertThat(s.numCpuUsed()).isPositive();
    assertThat(s.memHeapUsed()).isPositive();
    assertThat(s.keystoreUnreachable()).isFalse();
    assertThat(s.keystoreLatency()).hasValueSatisfying(
        d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofMillis(1)));
  }

  static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}

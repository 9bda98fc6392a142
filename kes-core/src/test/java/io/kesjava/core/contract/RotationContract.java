package io.kesjava.core.contract;

import static io.kesjava.core.contract.ContractAssertions.assertFails;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.kesjava.core.DataKey;
import io.kesjava.core.Encrypted;
import io.kesjava.core.InvalidArgumentException;
import io.kesjava.core.KesException;
import io.kesjava.core.KeyInfo;
import io.kesjava.core.KeyNotFoundException;
import io.kesjava.core.NotAllowedException;
import io.kesjava.core.NotAuthenticException;
import io.kesjava.crypto.SecretBytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rotation part of the contract of {@link io.kesjava.core.Kes} (docs/rotation.md): the same
 * answers from the engine and from a client of a server.
 */
public abstract class RotationContract extends KeyContract {

  private static final String MALFORMED =
      "invalid key version: a version is a positive decimal number such as '1'";

  private static byte[] plain(SecretBytes s) {
    try (s) {
      return s.bytes();
    }
  }

  @Test
  void rotateKey_addsVersions_andEveryDataKeyKeepsDecrypting() {
    String name = unique("rot");
    kes().createKey(name);
    byte[] ctx = "ctx".getBytes(UTF_8);
    DataKey v1 = kes().generateKey(name, ctx);
    assertThat(v1.version()).isEmpty();

    assertThat(kes().rotateKey(name)).isEqualTo("2");
    DataKey v2 = kes().generateKey(name, ctx);
    assertThat(v2.version()).contains("2");
    assertThat(kes().rotateKey(name)).isEqualTo("3");
    DataKey v3 = kes().generateKey(name, ctx);
    assertThat(v3.version()).contains("3");

    for (DataKey[] pair : new DataKey[][] {{v1}, {v2}, {v3}}) {
      DataKey d = pair[0];
      byte[] expected = d.plaintext().bytes();
      assertThat(plain(kes().decrypt(name, d.ciphertext(), ctx))).isEqualTo(expected);
      String version = d.version().orElse("1");
      assertThat(plain(kes().decrypt(name, d.ciphertext(), ctx, version))).isEqualTo(expected);
    }
    // A version that did not make the ciphertext does not authenticate it.
    assertFails(() -> kes().decrypt(name, v1.ciphertext(), ctx, "3"),
        NotAuthenticException.class, 400, NotAuthenticException.MESSAGE);
    assertFails(() -> kes().decrypt(name, v3.ciphertext(), ctx, "1"),
        NotAuthenticException.class, 400, NotAuthenticException.MESSAGE);
  }

  @Test
  void aNeverRotatedKey_namesNoVersion_andVersion1IsItself() {
    String name = unique("rot");
    kes().createKey(name);
    KeyInfo info = kes().describeKey(name);
    assertThat(info.versions()).isEmpty();
    assertThat(info.version()).isEmpty();
    Encrypted e = kes().encryptVersioned(name, "m".getBytes(UTF_8), NONE);
    assertThat(e.version()).isEmpty();
    assertThat(plain(kes().decrypt(name, e.ciphertext(), NONE, "1")))
        .isEqualTo("m".getBytes(UTF_8));
    assertThat(kes().hmac(name, NONE, "1")).isEqualTo(kes().hmac(name, NONE));
    assertFails(() -> kes().decrypt(name, e.ciphertext(), NONE, "2"), KesException.class, 404,
        "key version '2' does not exist");
  }

  @Test
  void describeKey_ofARotatedKey_listsEveryVersion() {
    String name = unique("rot");
    kes().createKey(name);
    KeyInfo before = kes().describeKey(name);
    kes().rotateKey(name);
    KeyInfo info = kes().describeKey(name);
    assertThat(info.version()).contains("2");
    assertThat(info.versions()).extracting(KeyInfo.Version::version).containsExactly("1", "2");
    assertThat(info.versions()).extracting(KeyInfo.Version::createdBy)
        .containsOnly(adminIdentity().value());
    assertThat(info.versions().get(0).createdAt()).isEqualTo(before.createdAt());
    assertThat(info.createdAt()).isEqualTo(before.createdAt());
    assertThat(info.algorithm()).isEqualTo(before.algorithm());
  }

  @Test
  void encryptVersioned_namesTheCurrentVersion_andHmacNeverChanges() {
    String name = unique("rot");
    kes().createKey(name);
    byte[] mac = kes().hmac(name, "msg".getBytes(UTF_8));
    kes().rotateKey(name);
    Encrypted e = kes().encryptVersioned(name, "m".getBytes(UTF_8), NONE);
    assertThat(e.version()).contains("2");
    assertThat(plain(kes().decrypt(name, e.ciphertext(), NONE))).isEqualTo("m".getBytes(UTF_8));
    assertThat(plain(kes().decrypt(name, kes().encrypt(name, new byte[] {1}, NONE), NONE, "2")))
        .containsExactly(1);
    assertThat(kes().hmac(name, "msg".getBytes(UTF_8))).isEqualTo(mac);
    assertThat(kes().hmac(name, "msg".getBytes(UTF_8), "1")).isEqualTo(mac);
    assertThat(kes().hmac(name, "msg".getBytes(UTF_8), "2")).hasSize(32).isNotEqualTo(mac);
  }

  @Test
  void badVersions_areRefused_andUnknownOnesAreNotFound() {
    String name = unique("rot");
    kes().createKey(name);
    kes().rotateKey(name);
    byte[] ct = kes().encrypt(name, new byte[] {1}, NONE);
    for (String bad : List.of("0", "-1", "01", "v2", "2.0", " 2", "1e3", "9999999999", "x")) {
      assertFails(() -> kes().decrypt(name, ct, NONE, bad), InvalidArgumentException.class, 400,
          MALFORMED);
      assertFails(() -> kes().hmac(name, NONE, bad), InvalidArgumentException.class, 400,
          MALFORMED);
    }
    assertFails(() -> kes().decrypt(name, ct, NONE, "3"), KesException.class, 404,
        "key version '3' does not exist");
    assertFails(() -> kes().hmac(name, NONE, "7"), KesException.class, 404,
        "key version '7' does not exist");
  }

  @Test
  void rotateKey_ofAMissingOrInvalidKey_fails() {
    assertFails(() -> kes().rotateKey(unique("missing")), KeyNotFoundException.class, 404,
        "key does not exist");
    assertFails(() -> kes().rotateKey("my.key"), InvalidArgumentException.class, 400,
        "key name 'my.key' is empty, too long or contains invalid characters");
  }

  @Test
  void listKeys_hidesVersions_andDeleteRemovesThemAll() {
    String name = unique("rot");
    kes().createKey(name);
    kes().rotateKey(name);
    kes().rotateKey(name);
    assertThat(kes().listKeys(name + "*").names()).containsExactly(name);
    kes().deleteKey(name);
    assertThat(kes().listKeys(name + "*").names()).isEmpty();
    assertFails(() -> kes().rotateKey(name), KeyNotFoundException.class, 404,
        "key does not exist");
    // A new key of the same name starts again at version 1, without the old versions.
    kes().createKey(name);
    assertThat(kes().describeKey(name).versions()).isEmpty();
    assertThat(kes().rotateKey(name)).isEqualTo("2");
  }

  @Test
  void rotateKey_needsThePolicyPath() {
    String name = unique("user");
    kes().createKey(name);
    // The user may generate with user-* keys but has no /v1/key/rotate/ pattern.
    user().generateKey(name, NONE).close();
    assertFails(() -> user().rotateKey(name), NotAllowedException.class, 403,
        NotAllowedException.MESSAGE);
    assertFails(() -> stranger().rotateKey(name), NotAllowedException.class, 403,
        NotAllowedException.MESSAGE);
    assertThat(kes().describeKey(name).versions()).isEmpty();
  }
}

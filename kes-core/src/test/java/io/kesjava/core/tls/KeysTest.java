package io.kesjava.core.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class KeysTest {

  @Property(tries = 30)
  void matches_afterAPemRoundTrip_isTrueForThePair(@ForAll KeyType type,
      @ForAll @IntRange(min = 0, max = 1) int encrypted) {
    KeyPair pair = type.generate();
    char[] password = "pw".toCharArray();
    String pem = encrypted == 1
        ? Pem.encodeEncryptedPrivateKey(pair.getPrivate(), password)
        : Pem.encodePrivateKey(pair.getPrivate());
    var read = Pem.parsePrivateKey(pem, password);
    assertThat(Keys.matches(read, pair.getPublic())).isTrue();
    assertThat(Keys.matches(read, type.generate().getPublic())).isFalse();
  }

  @Test
  void matches_rsa_byModulus() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    KeyPair pair = g.generateKeyPair();
    assertThat(Keys.matches(pair.getPrivate(), pair.getPublic())).isTrue();
    assertThat(Keys.matches(pair.getPrivate(), g.generateKeyPair().getPublic())).isFalse();
    assertThat(Keys.matches(pair.getPrivate(), KeyType.ECDSA_P256.generate().getPublic()))
        .isFalse();
  }

  @Test
  void matches_otherKey_isFalse() {
    assertThat(Keys.matches(KeyType.ED25519.generate().getPrivate(), KeyType.ED25519.generate().getPublic())).isFalse();
    assertThat(Keys.matches(KeyType.ED25519.generate().getPrivate(), KeyType.ECDSA_P256.generate().getPublic())).isFalse();
  }
}

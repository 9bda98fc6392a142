package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A key's HMAC comes from the JCA's Mac until the key is hot, then from its pad states: the switch
 * rule, and the same bytes either way.
 */
class SymmetricKeyTest {

  private static final long MS = 1_000_000L;

  @Test
  void aStreakOfCloseUses_makesTheKeyHot_andAGapStartsOver() {
    try (HmacKey key = HmacKey.generate()) {
      long t = 5_000 * MS;
      assertThat(key.countUse(t)).as("the first use").isFalse();
      for (int i = 2; i < SymmetricKey.HOT_STREAK; i++) {
        assertThat(key.countUse(t += MS / 10)).as("use %d", i).isFalse();
      }
      assertThat(key.countUse(t += 2 * MS)).as("after a gap of 2 ms").isFalse();
      for (int i = 2; i < SymmetricKey.HOT_STREAK; i++) {
        assertThat(key.countUse(t += MS / 2)).as("use %d after the gap", i).isFalse();
      }
      assertThat(key.countUse(t + MS / 2)).as("the 16th use within 1 ms of the one before")
          .isTrue();
    }
  }

  @Property(tries = 50)
  void usesFurtherApartThanAMillisecond_neverMakeAKeyHot(
      @ForAll @LongRange(min = MS, max = 1_000 * MS) long gap,
      @ForAll @IntRange(min = 1, max = 500) int uses) {
    try (HmacKey key = HmacKey.generate()) {
      long t = 7_000 * MS;
      for (int i = 0; i < uses; i++) {
        assertThat(key.countUse(t += gap)).isFalse();
      }
    }
  }

  @Test
  void aKeyUsedInATightLoop_makesItsPadStates_andAColdOneDoesNot() {
    try (MasterKey hot = MasterKey.generate(KeyAlgorithm.AES256);
        MasterKey cold = MasterKey.generate(KeyAlgorithm.AES256)) {
      byte[] none = new byte[0];
      hot.encrypt(none, none);
      cold.encrypt(none, none);
      assertThat(hot.hasPadStates()).isFalse();
      // Without a pause, 16 uses in a row come well within a millisecond of each other; a
      // descheduled thread may break a streak, so allow many.
      for (int i = 0; i < 100_000 && !hot.hasPadStates(); i++) {
        hot.encrypt(none, none);
      }
      assertThat(hot.hasPadStates()).isTrue();
      assertThat(cold.hasPadStates()).isFalse();
    }
  }

  @Property(tries = 200)
  void bothWays_giveTheJcasHmac(
      @ForAll @Size(32) byte[] keyBytes, @ForAll @Size(max = 300) byte[] message) throws Exception {
    Mac jca = Mac.getInstance("HmacSHA256");
    jca.init(new SecretKeySpec(keyBytes, "HmacSHA256"));
    byte[] expected = jca.doFinal(message);
    try (SecretBytes secret = SecretBytes.copyOf(keyBytes);
        HmacKey cold = HmacKey.of(secret);
        HmacKey hot = HmacKey.of(secret)) {
      makeHot(hot, message);
      assertThat(cold.mac(message)).isEqualTo(expected);
      assertThat(cold.hasPadStates()).isFalse();
      assertThat(hot.mac(message)).isEqualTo(expected);
    }
  }

  @Test
  void aClosedKey_refusesEitherWay() {
    HmacKey cold = HmacKey.generate();
    HmacKey hot = HmacKey.generate();
    makeHot(hot, new byte[1]);
    cold.close();
    hot.close();
    assertThatThrownBy(() -> cold.mac(new byte[1])).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> hot.mac(new byte[1])).isInstanceOf(IllegalStateException.class);
  }

  @Property(tries = 100)
  void aHotAes256Key_readsAndWritesWhatTheJcaDoes(
      @ForAll @Size(32) byte[] keyBytes,
      @ForAll @Size(max = 100) byte[] plaintext,
      @ForAll @Size(max = 32) byte[] context) {
    KeyAlgorithm algorithm = KeyAlgorithm.AES256; // ChaCha20 derives with HChaCha20, no HMAC
    try (SecretBytes secret = SecretBytes.copyOf(keyBytes);
        MasterKey key = MasterKey.of(algorithm, secret)) {
      for (int i = 0; i < 100_000 && !key.hasPadStates(); i++) {
        key.encrypt(plaintext, context);
      }
      assertThat(key.hasPadStates()).isTrue();

      byte[] ours = key.encrypt(plaintext, context);
      assertThat(JcaReference.decrypt(algorithm, keyBytes, ours, context)).isEqualTo(plaintext);
      byte[] theirs = JcaReference.encrypt(algorithm, keyBytes, plaintext, context);
      assertThat(key.decrypt(theirs, context)).isEqualTo(plaintext);
    }
  }

  @Test
  void aResultComputedWhileTheKeyWasClosed_isWiped_andTheCallFails() {
    HmacKey key = HmacKey.generate();
    byte[] out = new byte[40];
    Arrays.fill(out, (byte) 7);
    key.checkNotClosedDuring(out, 4, 32); // open: nothing happens
    assertThat(out).containsOnly(7);

    key.close();
    assertThatThrownBy(() -> key.checkNotClosedDuring(out, 4, 32))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Arrays.copyOfRange(out, 4, 36)).containsOnly(0);
    assertThat(out[3]).isEqualTo((byte) 7);
    assertThat(out[36]).isEqualTo((byte) 7);
  }

  /** Uses {@code key} until it makes its pad states; fails rather than loops for ever. */
  private static void makeHot(HmacKey key, byte[] message) {
    for (int i = 0; i < 100_000 && !key.hasPadStates(); i++) {
      key.mac(message);
    }
    assertThat(key.hasPadStates()).as("pad states after 100,000 uses in a row").isTrue();
  }
}

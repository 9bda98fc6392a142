package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SecretBytesTest {

  @Test
  void toString_isRedacted() {
    try (SecretBytes s = SecretBytes.copyOf(new byte[] {0x41, 0x42, 0x43})) {
      assertThat(s).hasToString("SecretBytes[redacted, 3 bytes]");
    }
  }

  @Test
  void copyOf_andBytes_copy() {
    byte[] original = {1, 2, 3};
    try (SecretBytes s = SecretBytes.copyOf(original)) {
      original[0] = 9;
      byte[] out = s.bytes();
      out[1] = 9;

      assertThat(s.bytes()).containsExactly(1, 2, 3);
    }
  }

  @Test
  void close_zeroesAndRefusesFurtherReads() {
    byte[] owned = {1, 2, 3};
    SecretBytes s = SecretBytes.wrap(owned);
    s.close();

    assertThat(owned).containsOnly(0);
    assertThat(s.isClosed()).isTrue();
    assertThatThrownBy(s::bytes).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void equalsConstantTime_comparesContent() {
    try (SecretBytes a = SecretBytes.copyOf(new byte[] {1, 2});
        SecretBytes b = SecretBytes.copyOf(new byte[] {1, 2});
        SecretBytes c = SecretBytes.copyOf(new byte[] {1, 3})) {
      assertThat(a.equalsConstantTime(b)).isTrue();
      assertThat(a.equalsConstantTime(c)).isFalse();
    }
  }

  @Test
  void random_givesTheLengthAsked_andRejectsNegative() {
    try (SecretBytes a = SecretBytes.random(32); SecretBytes b = SecretBytes.random(32)) {
      assertThat(a.length()).isEqualTo(32);
      assertThat(a.equalsConstantTime(b)).isFalse();
    }
    assertThatThrownBy(() -> SecretBytes.random(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}

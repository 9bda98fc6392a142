package io.kesjava.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class HChaCha20Test {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  void subkey_matchesPublishedCheckValue() {
    // docs/formats.md#key-types, from the XChaCha draft: key 00 01 .. 1f, input
    // 000000090000004a0000000031415927.
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    byte[] input = HEX.parseHex("000000090000004a0000000031415927");

    assertThat(HEX.formatHex(HChaCha20.subkey(key, input)))
        .isEqualTo("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc");
  }

  @Test
  void subkey_withWrongLengths_isRejected() {
    assertThatThrownBy(() -> HChaCha20.subkey(new byte[31], new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HChaCha20.subkey(new byte[32], new byte[24]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

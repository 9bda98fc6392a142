package io.kesjava.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kesjava.crypto.BenchCrypto;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;

/** The three derivations DeriveBench compares compute the same HMAC-SHA256 as the JCA. */
class Sha256InJavaTest {

  @Property(tries = 300)
  void allThreeAgreeWithTheJca(
      @ForAll @Size(min = 1, max = 64) byte[] key, @ForAll @Size(max = 55) byte[] message)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    byte[] expected = mac.doFinal(message);

    byte[] inJava = new byte[34];
    Sha256InJava.mac(Sha256InJava.padStates(key), message, 0, message.length, inJava, 1);
    byte[] pads = new byte[32];
    new BenchCrypto.PadStates(key).mac(message, 0, message.length, pads, 0);

    assertThat(inJava).startsWith(0).endsWith(0);
    assertThat(Arrays.copyOfRange(inJava, 1, 33)).isEqualTo(expected);
    assertThat(pads).isEqualTo(expected);
  }

  @Property(tries = 20)
  void longerMessagesAreRefused(@ForAll @Size(min = 56, max = 200) byte[] message) {
    int[] states = Sha256InJava.padStates(new byte[32]);
    assertThatThrownBy(() -> Sha256InJava.mac(states, message, 0, message.length, new byte[32], 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
